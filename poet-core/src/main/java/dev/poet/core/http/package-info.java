/**
 * The embedded HTTP API on the JDK's {@code com.sun.net.httpserver}: {@code POST /poet/feedback},
 * {@code GET /poet/events}, and a small {@link dev.poet.core.http.Router} that later routes join without changing
 * these. Every request runs on the server's own small pool; nothing it does can throw into the application.
 */
package dev.poet.core.http;

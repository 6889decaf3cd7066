/**
 * The filters people give to read events back, parsed once for the HTTP API and the command line alike.
 */
package dev.poet.core.events.filter;

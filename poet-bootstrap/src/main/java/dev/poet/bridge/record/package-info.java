/** What the bridge records of each enhanced call for the engine to write: JDK-only, allocation-conscious. */
package dev.poet.bridge.record;

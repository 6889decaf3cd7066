/** Turning a model's reply into the one Java compilation unit that was asked for, or into a reason to send back. */
package dev.poet.llm.answer;

/** LLM provider extension point. */
package dev.rampart.contracts.llm;

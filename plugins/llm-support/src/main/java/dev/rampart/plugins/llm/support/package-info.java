/**
 * What the LLM provider plugins share: the model catalogue from settings, a chunk stream with
 * back-pressure, server-sent-event parsing, the API key pool, Retry-After parsing and an upstream
 * HTTP exchange with connect, first-token and total time limits. Shaded into each provider jar.
 */
package dev.rampart.plugins.llm.support;

package dev.rampart.plugins.llm.support;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, {@code message} when the event had none
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {}

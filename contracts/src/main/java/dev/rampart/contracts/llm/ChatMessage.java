package dev.rampart.contracts.llm;

/**
 * One message of a chat.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text
 */
public record ChatMessage(String role, String content) {}

package dev.rampart.contracts.llm;

/**
 * A call the model asks the client to make.
 *
 * @param id provider-assigned id the tool result must refer to
 * @param name the tool's name
 * @param arguments the arguments as JSON text, exactly as the model wrote them (may be invalid)
 */
public record ToolCall(String id, String name, String arguments) {}

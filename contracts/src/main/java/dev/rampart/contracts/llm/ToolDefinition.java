package dev.rampart.contracts.llm;

import io.vertx.core.json.JsonObject;

/**
 * A tool the model may call.
 *
 * @param name tool name
 * @param description what it does, for the model
 * @param parameters JSON Schema of its arguments
 */
public record ToolDefinition(String name, String description, JsonObject parameters) {}

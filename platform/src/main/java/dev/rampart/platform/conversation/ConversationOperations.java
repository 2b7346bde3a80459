package dev.rampart.platform.conversation;

import static dev.rampart.contracts.bus.Addresses.CONVERSATIONS_CREATE;
import static dev.rampart.contracts.bus.Addresses.CONVERSATIONS_DELETE;
import static dev.rampart.contracts.bus.Addresses.CONVERSATIONS_GET;
import static dev.rampart.contracts.bus.Addresses.CONVERSATIONS_LIST;
import static dev.rampart.contracts.bus.Addresses.MESSAGES_APPEND;
import static dev.rampart.contracts.bus.Addresses.MESSAGES_LIST;

import dev.rampart.platform.api.ApiOperation;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The conversation operations, bound to their contract ids and bus addresses. */
public final class ConversationOperations {

  private ConversationOperations() {}

  public static List<ApiOperation> of(ConversationService service) {
    return List.of(
        new ApiOperation("createConversation", CONVERSATIONS_CREATE, 201, true, service::create),
        new ApiOperation("getConversation", CONVERSATIONS_GET, 200, true,
            (caller, req) -> service.get(caller, req.getString("conversation-id"))),
        new ApiOperation("listConversations", CONVERSATIONS_LIST, 200, true,
            (caller, req) -> service.list(caller, cursor(req), limit(req))),
        new ApiOperation("deleteConversation", CONVERSATIONS_DELETE, 200, true,
            (caller, req) -> service.delete(caller, req.getString("conversation-id"))),
        new ApiOperation("appendMessage", MESSAGES_APPEND, 201, true,
            (caller, req) -> service.append(caller, req.getString("conversation-id"), req)),
        new ApiOperation("listMessages", MESSAGES_LIST, 200, true,
            (caller, req) -> service.messages(caller, req.getString("conversation-id"), cursor(req), limit(req))));
  }

  private static Optional<String> cursor(JsonObject request) {
    return Optional.ofNullable(request.getString("cursor"));
  }

  private static int limit(JsonObject request) {
    return request.getInteger("limit", ConversationService.DEFAULT_LIMIT);
  }
}

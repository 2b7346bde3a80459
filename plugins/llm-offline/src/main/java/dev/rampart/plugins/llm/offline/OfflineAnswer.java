package dev.rampart.plugins.llm.offline;

import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.Usage;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer the offline provider gives a request: a pure function of the request and the seed.
 *
 * <ul>
 *   <li>Tools: when the request offers tools and the model supports them, a tool call is made if
 *       {@code tool-choice} requires it ({@code required}, or a named function) or, under
 *       {@code auto}, when the last message is the user's and names a tool. Its arguments satisfy
 *       the tool's parameter schema (see {@link SchemaSample}).
 *   <li>JSON mode: {@code response-format} {@code json_object} gives {@code {"answer": text}};
 *       {@code json_schema} gives a value of its schema.
 *   <li>Otherwise a short text that summarises the last user message (or the last tool result),
 *       worded by one of a few templates chosen by a hash of the request.
 * </ul>
 *
 * {@code max-tokens} cuts the answer (finish reason {@code length}).
 *
 * @param text the answer text (empty for a tool call)
 * @param toolCalls the tool calls (at most one)
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 * @param usage prompt and completion tokens by {@link TokenEstimate}
 */
record OfflineAnswer(String text, List<ToolCall> toolCalls, String finishReason, Usage usage) {

  private static final int GIST_WORDS = 12;
  private static final int ARGUMENT_FRAGMENT = 12;
  private static final String[] TEMPLATES = {
    "You wrote %1$d words, starting with \"%2$s\". This is a deterministic offline answer.",
    "Summary of your message: \"%2$s\" (%1$d words). Answered offline, without a model.",
    "Offline reply to \"%2$s\": your message has %1$d words.",
    "Echo (%1$d words): \"%2$s\". No model was called; this answer is derived from your input.",
  };

  /** The answer to {@code request} from {@code model}. */
  static OfflineAnswer to(ChatRequest request, ModelInfo model, long seed) {
    long hash = hash(request, seed);
    long prompt = TokenEstimate.prompt(request);
    Optional<ChatMessage> last = request.messages().isEmpty()
        ? Optional.empty()
        : Optional.of(request.messages().get(request.messages().size() - 1));
    String userText = lastUserText(request);
    Optional<ToolDefinition> tool = model.supportsTools() ? toolToCall(request, last) : Optional.empty();
    if (tool.isPresent()) {
      ToolDefinition t = tool.get();
      String arguments = new SchemaSample(userText, gist(userText)).valueFor(t.parameters(), "") instanceof JsonObject o
          ? o.encode()
          : "{}";
      ToolCall call = new ToolCall("call_" + Long.toHexString(hash), t.name(), arguments);
      long completion = TokenEstimate.of(t.name()) + TokenEstimate.of(arguments);
      return new OfflineAnswer("", List.of(call), "tool_calls", new Usage(prompt, completion));
    }
    String text = prose(request, last, userText, hash);
    JsonObject format = request.options() == null ? null : request.options().getJsonObject("response-format");
    if (format != null && model.supportsJsonMode()) {
      String type = format.getString("type", "text");
      if ("json_object".equals(type)) {
        text = new JsonObject().put("answer", text).encode();
      } else if ("json_schema".equals(type)) {
        JsonObject spec = format.getJsonObject("json_schema", new JsonObject());
        Object value = new SchemaSample(userText, text).valueFor(spec.getJsonObject("schema", new JsonObject()), "");
        text = io.vertx.core.json.Json.encode(value);
      }
      // JSON is never cut at max-tokens: half a document helps nobody, and real models differ here
      return new OfflineAnswer(text, List.of(), "stop", new Usage(prompt, TokenEstimate.of(text)));
    }
    Integer maxTokens = request.options() == null ? null : request.options().getInteger("max-tokens");
    String finish = "stop";
    if (maxTokens != null && TokenEstimate.of(text) > maxTokens) {
      StringBuilder cut = new StringBuilder();
      long used = 0;
      for (String segment : TokenEstimate.segments(text)) {
        long cost = TokenEstimate.ofSegment(segment);
        if (used + cost > maxTokens) {
          break;
        }
        used += cost;
        cut.append(segment);
      }
      text = cut.toString();
      finish = "length";
    }
    return new OfflineAnswer(text, List.of(), finish, new Usage(prompt, TokenEstimate.of(text)));
  }

  /** This answer as stream chunks: one text segment or argument fragment each; the last one carries finish and usage. */
  List<ChatChunk> chunks() {
    List<ChatChunk> out = new ArrayList<>();
    if (!toolCalls.isEmpty()) {
      for (int i = 0; i < toolCalls.size(); i++) {
        ToolCall call = toolCalls.get(i);
        out.add(new ChatChunk("", List.of(new ChatChunk.ToolCallDelta(i, Optional.of(call.id()), Optional.of(call.name()), "")),
            Optional.empty(), Optional.empty()));
        String args = call.arguments();
        for (int at = 0; at < args.length(); at += ARGUMENT_FRAGMENT) {
          String fragment = args.substring(at, Math.min(args.length(), at + ARGUMENT_FRAGMENT));
          out.add(new ChatChunk("", List.of(new ChatChunk.ToolCallDelta(i, Optional.empty(), Optional.empty(), fragment)),
              Optional.empty(), Optional.empty()));
        }
      }
    } else {
      for (String segment : TokenEstimate.segments(text)) {
        out.add(ChatChunk.text(segment));
      }
    }
    if (out.isEmpty()) {
      out.add(ChatChunk.text(""));
    }
    ChatChunk last = out.remove(out.size() - 1);
    out.add(new ChatChunk(last.delta(), last.toolCalls(), Optional.of(finishReason), Optional.of(usage)));
    return out;
  }

  /** The whole answer as an assistant message. */
  ChatMessage message() {
    return new ChatMessage("assistant", text, toolCalls, Optional.empty());
  }

  private static Optional<ToolDefinition> toolToCall(ChatRequest request, Optional<ChatMessage> last) {
    if (request.tools().isEmpty()) {
      return Optional.empty();
    }
    Object choice = request.options() == null ? null : request.options().getValue("tool-choice");
    if ("none".equals(choice)) {
      return Optional.empty();
    }
    if (choice instanceof JsonObject named) {
      String name = named.getJsonObject("function", named).getString("name");
      return request.tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }
    boolean required = "required".equals(choice) || "any".equals(choice);
    Optional<ToolDefinition> mentioned = Optional.empty();
    if (last.isPresent() && "user".equals(last.get().role())) {
      String said = last.get().content().toLowerCase(Locale.ROOT);
      mentioned = request.tools().stream().filter(t -> mentions(said, t.name().toLowerCase(Locale.ROOT))).findFirst();
    }
    if (required) {
      return mentioned.or(() -> Optional.of(request.tools().get(0)));
    }
    return mentioned;
  }

  private static boolean mentions(String text, String name) {
    int at = text.indexOf(name);
    while (at >= 0) {
      boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      int end = at + name.length();
      boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      at = text.indexOf(name, at + 1);
    }
    return false;
  }

  private static String prose(ChatRequest request, Optional<ChatMessage> last, String userText, long hash) {
    if (last.isPresent() && "tool".equals(last.get().role())) {
      return "The tool returned: \"" + gist(last.get().content()) + "\". That is what I found.";
    }
    if (userText.isBlank()) {
      return "Offline answer: there was no user message to answer.";
    }
    int words = userText.trim().split("\\s+").length;
    String gist = gist(userText);
    int pick = (int) Long.remainderUnsigned(hash, TEMPLATES.length);
    return String.format(Locale.ROOT, TEMPLATES[pick], words, gist);
  }

  private static String lastUserText(ChatRequest request) {
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      ChatMessage m = request.messages().get(i);
      if ("user".equals(m.role())) {
        return m.content();
      }
    }
    return "";
  }

  /** The first words of a text, on one line. */
  static String gist(String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length == 1 && words[0].isEmpty()) {
      return "";
    }
    String joined = String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, GIST_WORDS)));
    return (words.length > GIST_WORDS ? joined + " ..." : joined).replace("\"", "'");
  }

  /** FNV-1a over everything that makes the request what it is, plus the seed. */
  static long hash(ChatRequest request, long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    StringBuilder canonical = new StringBuilder(request.model()).append('\u0000');
    for (ChatMessage m : request.messages()) {
      canonical.append(m.role()).append('\u0001').append(m.content()).append('\u0001');
      m.toolCalls().forEach(c -> canonical.append(c.id()).append(c.name()).append(c.arguments()));
      m.toolCallId().ifPresent(canonical::append);
      canonical.append('\u0000');
    }
    request.tools().forEach(t -> canonical.append(t.name()).append('\u0002'));
    if (request.options() != null) {
      canonical.append(request.options().encode());
    }
    for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}

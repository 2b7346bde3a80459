package dev.rampart.plugins.pii.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Prompt-injection attempts: instruction overrides, role-play jailbreaks, system-prompt
 * extraction, fake chat-template delimiters, and any of these hidden in base64. The text is
 * first folded ({@link NormalizedText}) so homoglyphs, zero-width characters and fullwidth forms
 * do not hide a phrase; findings are reported in the original text's offsets.
 *
 * <p>Score: each phrase has a base score for its kind; it rises by 0.1 for every other kind of
 * attempt present in the same text (attacks combine techniques, ordinary text rarely does),
 * and by 0.1 when the phrase itself was obfuscated (nobody hides an innocent sentence). It falls
 * by 0.35 when the phrase is quoted and a word such as "like", "example" or "injection" stands
 * just before the quote, or one naming the topic ("injection", "jailbreak", "attack") after it:
 * "attacks like 'ignore previous instructions'" and "what does 'ignore previous instructions'
 * mean in prompt injection?" talk about an attack.
 */
final class PromptInjection implements EntityScanner {

  private static final String QUOTES = "'\"`\u2018\u2019\u201C\u201D\u00AB\u00BB";
  /** Words that introduce a quoted phrase as an example rather than say it. */
  private static final ContextWords MENTION = new ContextWords(
      "like", "such as", "e.g", "example", "examples", "phrase", "phrases", "called", "known as", "injection",
      "injections", "jailbreak", "jailbreaks", "attack", "attacks", "detect", "detects", "detection", "classifier");
  /**
   * Words that, after a quoted phrase, name it as an attack ("'...' is a classic injection"):
   * only those naming the topic, not "like" or "example", which follow quotes in ordinary prose
   * and in host names, and which an attacker could append to make a phrase look quoted.
   */
  private static final ContextWords NAMED_AFTER = new ContextWords(
      "injection", "injections", "jailbreak", "jailbreaks", "attack", "attacks", "classifier");

  private final InjectionPhrases phrases = new InjectionPhrases();
  private final EncodedPayloads encoded = new EncodedPayloads(phrases);

  /** See {@link InjectionPhrases#triggerShapes()}. */
  int[] triggerShapes() {
    return phrases.triggerShapes();
  }

  /** Whether {@code [start, end)} stands in quotes next to a word that introduces or names an example. */
  private static boolean quotedMention(String s, int start, int end, ScanBudget budget) {
    int open = start - 1;
    int close = end;
    while (close < s.length() && close - end < 40 && QUOTES.indexOf(s.charAt(close)) < 0 && s.charAt(close) != '\n') {
      close++; // the quote may close after the rest of the quoted sentence
    }
    if (open < 0 || QUOTES.indexOf(s.charAt(open)) < 0 || close >= s.length() || QUOTES.indexOf(s.charAt(close)) < 0) {
      return false;
    }
    // the word may stand before the quote ("attacks like '...'"), or name it after ("'...' mean in prompt injection")
    return MENTION.near(s, open, open, budget) || NAMED_AFTER.within(s, close + 1, close + 1 + ContextWords.BEFORE, budget);
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PROMPT_INJECTION);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    boolean ascii = (chunks.textClasses() & TextChunks.NON_ASCII) == 0;
    // ASCII text needs no folding: its words were sorted out in the shared pass
    NormalizedText folded = ascii ? NormalizedText.unchanged(s) : NormalizedText.of(s);
    List<InjectionPhrases.Hit> surface = ascii ? phrases.find(s, chunks, ctx.budget()) : phrases.find(folded.text(), ctx.budget());
    List<InjectionPhrases.Hit> hidden = encoded.find(ctx);
    if (surface.isEmpty() && hidden.isEmpty()) {
      return;
    }
    EnumSet<InjectionPhrases.Kind> kinds = EnumSet.noneOf(InjectionPhrases.Kind.class);
    surface.forEach(h -> kinds.add(h.kind()));
    hidden.forEach(h -> kinds.add(h.kind()));
    for (InjectionPhrases.Hit h : surface) {
      int start = folded.originalStart(h.start());
      int end = folded.originalEnd(h.end());
      double score = h.score() + 0.1 * (kinds.size() - 1) + (folded.obfuscatedBetween(start, end) ? 0.1 : 0)
          - (quotedMention(s, start, end, ctx.budget()) ? 0.35 : 0);
      ctx.add(EntityType.PROMPT_INJECTION, start, end, score);
    }
    for (InjectionPhrases.Hit h : hidden) {
      ctx.add(EntityType.PROMPT_INJECTION, h.start(), h.end(), h.score() + 0.1 * (kinds.size() - 1));
    }
  }
}

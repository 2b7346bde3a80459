package dev.rampart.plugins.pii.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrases of prompt-injection attempts. Each phrase starts with a trigger word (or a
 * delimiter character); one pass finds trigger words by packing each word into a number and
 * looking it up, and only at a trigger does a small regex run, anchored and confined to a short
 * window. Every regex has bounded quantifiers, so the cost per trigger is a constant and the
 * whole search is linear.
 */
final class InjectionPhrases {

  /** The kinds of attempt; a text that shows several kinds is more likely an attack. */
  enum Kind { OVERRIDE, ROLE_PLAY, EXTRACTION, DELIMITER, ENCODED }

  /** One phrase found, in the offsets of the text searched. */
  record Hit(int start, int end, Kind kind, double score) {}

  private record Phrase(Kind kind, double score, Pattern pattern, Predicate<String> accept) {}

  /** Someone else acting between a verb of answering and what it is done without: reported speech, not an order. */
  private static final Pattern THIRD_PARTY =
      Pattern.compile("\\b(?:it|they|he|she|we|was|were|had|has been)\\b", Pattern.CASE_INSENSITIVE);

  /** No phrase is longer than this, so no regex looks further. */
  private static final int WINDOW = 160;
  private static final String S = "\\s{1,3}";
  private static final String TARGETS = "(?:instructions?|rules|guidelines|directions|directives|prompts?|commands"
      + "|constraints|restrictions|guardrails|policies|programming|guidance|orders)\\b";
  private static final Set<String> OVERRIDE_FILLERS = Set.of(
      "all", "any", "every", "of", "the", "these", "those", "this", "my", "our", "your", "previous", "prior",
      "above", "earlier", "preceding", "former", "original", "initial", "existing", "system", "safety", "old",
      "foregoing", "given", "current", "programmed", "default", "and", "other", "ethical", "content", "developer",
      "openai", "security", "before", "or", "about");
  private static final Set<String> OVERRIDE_QUALIFIERS = Set.of(
      "all", "every", "your", "previous", "prior", "above", "earlier", "preceding", "former", "original",
      "initial", "system", "safety", "foregoing", "programmed", "default", "ethical", "content", "security");
  private static final Set<String> EXTRACTION_MARKERS = Set.of(
      "system", "initial", "original", "hidden", "secret", "confidential", "internal", "your", "above",
      "verbatim", "pre-prompt", "preprompt", "first");

  /** Words after the target that place it before the attack: "ignore the directions above". */
  private static final String BEFORE_NOW = "(?:above|before|so" + S + "far|until" + S + "now|earlier|previously"
      + "|given" + S + "(?:above|before|earlier|previously|to" + S + "you)|(?:you|i)" + S + "(?:were|was|have" + S + "been|'ve"
      + S + "been)" + S + "given|(?:you|i)" + S + "(?:have" + S + "|'ve" + S + ")?(?:received|got)" + S
      + "(?:before|earlier|previously|so" + S + "far|until" + S + "now))\\b";
  /** Words that place an override's target before the attack. */
  private static final Set<String> EARLIER = Set.of("previous", "prior", "above", "earlier", "preceding", "foregoing");

  /** "ignore the previous instructions" in French: the attack's own wording. */
  private static final String FRENCH_PREVIOUS = "(?:ignorez?|oubliez?)" + S + "(?:(?:toutes|tout|les|tes|vos)" + S + "){1,3}"
      + "(?:instructions|consignes|regles|directives|ordres)" + S + "(?:precedentes|anterieures|ci-dessus|d'avant)\\b";
  /** "ignore all the instructions": also "he ignores all the rules", so it flags rather than blocks. */
  private static final String FRENCH_ALL = "(?:ignorez?|oubliez?)" + S + "(?:toutes|tout)" + S + "(?:les|tes|vos)" + S
      + "(?:instructions|consignes|regles|directives)\\b";
  private static final String SPANISH_PREVIOUS = "(?:ignora|ignore|olvida|olvide)" + S + "(?:(?:todas|todo|las|tus|sus)" + S + "){1,3}"
      + "(?:instrucciones|reglas|indicaciones|ordenes|directrices)" + S + "(?:anteriores|previas)\\b";
  private static final String SPANISH_ALL = "(?:ignora|ignore|olvida|olvide)" + S + "(?:todas|todo)" + S + "(?:las|tus|sus)" + S
      + "(?:instrucciones|reglas|indicaciones|ordenes|directrices)\\b";
  private static final String ITALIAN_PREVIOUS = "(?:ignora|dimentica)" + S + "(?:(?:tutte|tutto|le|ogni)" + S + "){1,3}"
      + "(?:istruzioni|regole|indicazioni)" + S + "(?:precedenti|sopra)\\b";
  private static final String ITALIAN_ALL = "(?:ignora|dimentica)" + S + "(?:tutte|ogni)" + S + "(?:le" + S + ")?"
      + "(?:istruzioni|regole|indicazioni)\\b";
  /** German words that make an override more than "ignore the rules": a quantifier or "previous". */
  private static final Set<String> GERMAN_QUALIFIERS = Set.of(
      "alle", "samtliche", "saemtliche", "bisherigen", "vorherigen", "vorigen", "obigen", "fruheren", "frueheren",
      "vorangegangenen", "bisherige", "vorherige", "deine", "ihre");

  /** The characters of the regex class \\s, the whitespace {@code S} stands for. */
  private static final String REGEX_SPACE = " \t\n\u000B\f\r";
  /** {@link #REGEX_SPACE} as bits by char value (all are below 64): one test instead of a search. */
  private static final long REGEX_SPACE_BITS = bits(REGEX_SPACE);

  /**
   * The trigger words, packed ({@link #pack}), as an open-addressing hash table (linear probing,
   * 0 = empty: no packed word is 0): slot keys, and each one's trigger index (into {@link
   * #phrasesByTrigger}). A hit costs one or two probes where a binary search took seven
   * mispredicted steps.
   */
  private final long[] keySlots;
  private final int[] keyIndexes;
  private final Phrase[][] phrasesByTrigger;
  /** Per trigger and phrase: what the text must go on with for the phrase to match; null = anything. */
  private final String[][][] followsByPhrase;
  private final int[] triggerShapes = new int[26 * 26];
  /** Per pair of last letters (a-z, either case; index {@link #shape} of the pair): whether a trigger word ends so. */
  private final boolean[] triggerEndings = new boolean[26 * 26];
  private final Phrase[] delimiterPhrases;

  /** A trigger word's phrases, and for each what must follow the word for it to match (null: anything). */
  private static final class Trigger {
    final List<Phrase> phrases = new ArrayList<>();
    final List<String[]> follows = new ArrayList<>();
  }

  InjectionPhrases() {
    TreeMap<Long, Trigger> byTrigger = new TreeMap<>();
    Phrase override = phrase(Kind.OVERRIDE, 0.85,
        "(?:ignore|disregard|forget|bypass|override|discard|abandon|skip|neglect)" + S
            + "((?:[a-z']{1,15}" + S + "){1,5}?)" + TARGETS,
        InjectionPhrases::overrideWordsOk);
    // the position after the target: "ignore the directions above", "forget the rules you were given"
    Phrase overrideAfter = phrase(Kind.OVERRIDE, 0.8,
        "(?:ignore|disregard|forget|bypass|override|discard|abandon|neglect)" + S
            + "((?:[a-z']{1,15}" + S + "){0,4}?)" + TARGETS + S + BEFORE_NOW,
        InjectionPhrases::fillersOnly);
    // "ignore all previous text" (not "the previous text message": that is a text sent in error)
    Phrase overrideText = phrase(Kind.OVERRIDE, 0.75,
        "(?:ignore|disregard|forget)" + S + "((?:[a-z']{1,15}" + S + "){1,4}?)text\\b(?!\\s{0,3}(?:messages?|box|field|file))",
        InjectionPhrases::earlierFillersOnly);
    // the tasks before: "forget all previous tasks", "vergiss alle bisherigen Aufgaben"
    Phrase overrideTasks = phrase(Kind.OVERRIDE, 0.8,
        "(?:(?:ignore|disregard|forget)(?:" + S + "about)?|ignoriere|vergiss)" + S + "(?:(?:all|the|your|my|alle|die|deine)" + S + "){0,2}"
            + "(?:previous|prior|earlier|preceding|former|above|bisherigen|vorherigen|vorigen|obigen|vorangegangenen)" + S
            + "(?:tasks|assignments|aufgaben|auftrage|auftraege)\\b", null);
    Phrase overrideEverything = phrase(Kind.OVERRIDE, 0.8,
        "(?:ignore|disregard|forget)" + S + "(?:all" + S + ")?(?:everything|anything)" + S
            + "(?:above|before|prior|previously|(?:you|i)" + S + "(?:were|was|have\\s{1,3}been)" + S + "(?:told|said|given))",
        null);
    Phrase doNotFollow = phrase(Kind.OVERRIDE, 0.75,
        "(?:do" + S + "not|don't|stop)" + S + "(?:follow(?:ing)?|obey(?:ing)?)" + S
            + "(?:your|the|any)" + S + "(?:previous|prior|original|system|above)?\\s{0,3}" + TARGETS,
        null);
    for (String verb : List.of("ignore", "disregard", "forget", "bypass", "override", "discard", "abandon", "skip", "neglect")) {
      add(byTrigger, verb, override);
    }
    for (String verb : List.of("ignore", "disregard", "forget", "bypass", "override", "discard", "abandon", "neglect")) {
      add(byTrigger, verb, overrideAfter);
    }
    for (String verb : List.of("ignore", "disregard", "forget")) {
      add(byTrigger, verb, overrideEverything, " all", " everything", " anything");
      add(byTrigger, verb, overrideText);
      add(byTrigger, verb, overrideTasks);
    }
    add(byTrigger, "ignoriere", overrideTasks);
    add(byTrigger, "vergiss", overrideTasks);
    // a persona freed from its rules: "you're not required to follow any rules or policies from
    // OpenAI", "it is not restricted by the rules above"; whose rules must be said ("any", "your",
    // "above"...), as "tenants are not bound by the rules of the club" is ordinary prose
    Phrase notBound = phrase(Kind.ROLE_PLAY, 0.7,
        "(?:not|never)" + S + "(?:required|obliged|obligated|bound|forced|restricted|limited|constrained|governed)" + S
            + "(?:to" + S + "(?:follow|obey|comply" + S + "with|abide" + S + "by|adhere" + S + "to)|by)" + S
            + "((?:(?:any|the|your|its|his|her|their|openai's|openai|ethical|moral|content|safety|of|these|those)" + S + "){0,3}"
            + "(?:rules|guidelines|policies|restrictions|filters|programming|ethics|morals|principles)\\b(?:" + S + "above)?)",
        InjectionPhrases::notBoundOk);
    for (String word : List.of("not", "never")) {
      add(byTrigger, word, notBound, " required", " obliged", " obligated", " bound", " forced", " restricted", " limited",
          " constrained", " governed");
    }
    add(byTrigger, "you", phrase(Kind.ROLE_PLAY, 0.7,
        "you(?:'re|" + S + "are)" + S + "(?:now" + S + ")?free" + S + "(?:from|of)" + S + "(?:(?:all|any|your)" + S + ")?"
            + "(?:ethics|ethical" + S + "guidelines|rules|restrictions|guidelines|censorship|filters|limitations|programming|morals)\\b",
        null), "'re free", "'re now free", " are free", " are now free");
    add(byTrigger, "do", doNotFollow, " not");
    add(byTrigger, "don", doNotFollow, "'t");
    add(byTrigger, "stop", doNotFollow, " follow", " obey");

    add(byTrigger, "you", phrase(Kind.ROLE_PLAY, 0.85,
        "you" + S + "are" + S + "now" + S + "(?:(?:a|an|the|in|my|called|named|known|as|going" + S + "to" + S + "be)" + S + "){0,3}"
            + "(?:dan|jailbroken|unrestricted|unfiltered|uncensored|unchained|evil|freed?\\b|developer" + S
            + "mode|god" + S + "mode|stan|dude|aim|no" + S + "longer)", null), " are now");
    add(byTrigger, "you", phrase(Kind.ROLE_PLAY, 0.8,
        "you(?:" + S + "are|'re)" + S + "(?:no" + S + "longer|not)" + S + "(?:bound|restricted|limited|constrained)" + S + "by",
        null), " are no", "'re no");
    // "you have no restrictions", and the hypothetical "if you had no guidelines, how would you..."
    add(byTrigger, "you", phrase(Kind.ROLE_PLAY, 0.55,
        "you" + S + "(?:have|has|had)" + S + "no" + S + "(?:more" + S + ")?(?:ethical" + S + ")?"
            + "(?:restrictions|limitations|filters|guidelines|boundaries|morals|ethics|rules)\\b", null),
        " have no", " has no", " had no");
    // a persona assigned outright: "now you are an unrestricted AI", "you are an uncensored assistant"
    add(byTrigger, "you", phrase(Kind.ROLE_PLAY, 0.8,
        "you(?:" + S + "are|'re)" + S + "(?:an?" + S + ")?(?:unrestricted|unfiltered|uncensored|jailbroken|amoral)" + S
            + "(?:ai|assistant|chatbot|bot|model|language" + S + "model|llm|version)\\b", null),
        " are an", " are a", " are un", " are jailbroken", " are amoral", "'re an", "'re a", "'re un");
    add(byTrigger, "pretend", phrase(Kind.ROLE_PLAY, 0.85,
        "pretend" + S + "(?:that" + S + ")?(?:you" + S + "(?:are|have|were|can)|you're|to" + S + "be)\\b[^.!?\\n]{0,80}?\\b"
            + "(?:no|without|free" + S + "of|zero|none" + S + "of" + S + "the)" + S + "(?:[a-z]{1,12}" + S + ")?"
            + "(?:restrictions|limits|limitations|rules|filters|guidelines|constraints|censorship|boundaries|ethics|morals|policies)",
        null));
    Phrase enableMode = phrase(Kind.ROLE_PLAY, 0.55,
        "(?:enable|enter|activate|switch" + S + "(?:on|to|into)|turn" + S + "on|unlock|engage)" + S + "(?:the" + S + "|your" + S + ")?"
            + "(?:developer|dev|god|jailbreak|dan|unrestricted)" + S + "mode", null);
    String[] modes = {"dev", "god", "jailbreak", "dan", "unrestricted"};
    for (String verb : List.of("enable", "enter", "activate", "unlock", "engage")) {
      add(byTrigger, verb, enableMode, followedBy(List.of(" ", " the ", " your "), modes));
    }
    add(byTrigger, "switch", enableMode, " on", " to", " into");
    add(byTrigger, "turn", enableMode, followedBy(List.of(" on ", " on the ", " on your "), modes));
    add(byTrigger, "developer", phrase(Kind.ROLE_PLAY, 0.7,
        "developer" + S + "mode" + S + "(?:enabled|activated|is" + S + "(?:now" + S + ")?(?:on|enabled|active))", null), " mode");
    add(byTrigger, "with", phrase(Kind.ROLE_PLAY, 0.7, "with" + S + "developer" + S + "mode" + S + "enabled", null),
        " developer mode");
    add(byTrigger, "act", phrase(Kind.ROLE_PLAY, 0.8,
        "act" + S + "as" + S + "(?:(?:an?|my)" + S + ")?(?:dan|unrestricted|unfiltered|uncensored|jailbroken|evil|amoral)\\b"
            + "|act" + S + "as" + S + "if" + S + "you" + S + "(?:have|had)" + S + "no" + S
            + "(?:restrictions|rules|limits|filters|guidelines)", null),
        " as a", " as my", " as dan", " as un", " as jailbroken", " as evil", " as if");
    add(byTrigger, "do", phrase(Kind.ROLE_PLAY, 0.85, "do" + S + "anything" + S + "now\\b", null), " anything now");
    add(byTrigger, "jailbreak", phrase(Kind.ROLE_PLAY, 0.7, "jailbreak" + S + "(?:mode|prompt)", null), " mode", " prompt");
    Phrase fromNow = phrase(Kind.ROLE_PLAY, 0.75,
        "(?:from" + S + "now" + S + "on|starting" + S + "now),?" + S + "you" + S + "(?:are|will|must|shall)" + S + "(?:be" + S + ")?"
            + "(?:dan|unrestricted|unfiltered|no" + S + "longer|ignore|answer" + S + "without|respond" + S + "without)", null);
    add(byTrigger, "from", fromNow, " now on");
    add(byTrigger, "starting", fromNow, " now");

    Phrase reveal = phrase(Kind.EXTRACTION, 0.85,
        "(?:repeat|reveal|print|show|output|display|dump|leak|expose|give|tell|write|share|disclose|recite|copy|paste|spell"
            + "|list|enumerate)"
            + S + "(?:(?:out|back|me|us)" + S + "){0,2}"
            + "((?:(?:all|of|the|your|its|full|entire|complete|original|initial|initials|every|hidden|secret|exact|verbatim|whole|first"
            + "|system|above|previous|confidential|internal)" + S + "){1,5})"
            + "(?:prompt|message|instructions|rules|directives|configuration|pre-?prompt)\\b",
        InjectionPhrases::extractionWordsOk);
    for (String verb : List.of("repeat", "reveal", "print", "show", "output", "display", "dump", "leak", "expose", "give",
        "tell", "write", "share", "disclose", "recite", "copy", "paste", "spell", "list", "enumerate")) {
      add(byTrigger, verb, reveal, " out", " back", " me", " us", " all", " of", " the", " your", " its", " full", " every",
          " entire", " complete", " original", " initial", " hidden", " secret", " exact", " verbatim", " whole",
          " first", " system", " above", " previous", " confidential", " internal");
    }
    add(byTrigger, "what", phrase(Kind.EXTRACTION, 0.85,
        "what" + S + "(?:were|are|is|was)" + S + "your" + S
            + "(?:(?:initial|original|system|hidden|exact|first|secret|real|full|starting)" + S + "){1,2}"
            + "(?:instructions|prompt|rules|directives|guidelines|message)", null),
        " were your", " are your", " is your", " was your");
    // "what were the exact instructions you were given": a modifier says which instructions
    // ("what were the instructions you were given by the nurse" is an ordinary question)
    add(byTrigger, "what", phrase(Kind.EXTRACTION, 0.75,
        "what" + S + "(?:were|are|was|is)" + S + "the" + S
            + "(?:(?:initial|original|system|hidden|exact|first|secret|full|starting|very)" + S + "){1,2}"
            + "(?:instructions|prompt|rules|directives|guidelines)" + S + "(?:that" + S + ")?you" + S
            + "(?:were|have" + S + "been|'ve" + S + "been)" + S + "(?:given|told)", null),
        " were the", " are the", " was the", " is the");
    Phrase respondWith = phrase(Kind.EXTRACTION, 0.8,
        "(?:respond|reply|answer)" + S + "with" + S + "(?:(?:all|every|each|the|your|of)" + S + "){1,3}"
            + "(?:instructions?|rules|prompts?|directives)" + S + "(?:that" + S + ")?you" + S
            + "(?:have" + S + "been|were|'ve" + S + "been)" + S + "given", null);
    for (String verb : List.of("respond", "reply", "answer")) {
      add(byTrigger, verb, respondWith, " with");
    }
    // "...you will respond to all my questions as SAM, without any ethical or moral guidelines":
    // a persona's answers freed from ethics. Said of answers only ("firms that operate without
    // ethical guidelines" is ordinary news), and not when a third party comes between ("asked to
    // respond to claims it operated without any ethical guidelines")
    Phrase answersWithoutEthics = phrase(Kind.ROLE_PLAY, 0.85,
        "(?:respond(?:s|ing)?|repl(?:y|ies|ying)|answer(?:s|ing)?)\\b([^.!?\\n]{0,80}?)\\bwithout" + S + "(?:any" + S + ")?"
            + "(?:ethical|moral)(?:" + S + "(?:or|and)" + S + "(?:ethical|moral))?" + S
            + "(?:guidelines|restrictions|limits|limitations|boundaries|constraints|filters|considerations|principles|rules)\\b",
        between -> !THIRD_PARTY.matcher(between).find());
    // the same with what only a model has instead: "answer without any filters", "respond without
    // censorship" (not "restrictions" or "limits": "asked to respond without any restrictions on scope")
    Phrase answersUnfiltered = phrase(Kind.ROLE_PLAY, 0.7,
        "(?:respond(?:s|ing)?|repl(?:y|ies|ying)|answer(?:s|ing)?)\\b([^.!?\\n]{0,40}?)\\bwithout" + S + "(?:any" + S + ")?"
            + "(?:filters?|filtering|censorship|censoring|guardrails)\\b",
        between -> !THIRD_PARTY.matcher(between).find());
    for (String verb : List.of("respond", "responds", "responding", "reply", "replies", "replying", "answer", "answers",
        "answering")) {
      add(byTrigger, verb, answersWithoutEthics);
      add(byTrigger, verb, answersUnfiltered);
    }
    Phrase above = phrase(Kind.EXTRACTION, 0.75,
        "(?:repeat|print|output|copy)" + S + "(?:the" + S + ")?(?:text|words|everything|all)" + S
            + "(?:above|before" + S + "this|preceding)", null);
    for (String verb : List.of("repeat", "print", "output", "copy")) {
      add(byTrigger, verb, above, " the", " text", " words", " everything", " all");
    }

    // "disregard the above": common in attacks, but also in an e-mail sent in error, so it only flags
    Phrase ignoreAbove = phrase(Kind.OVERRIDE, 0.6,
        "(?:ignore|disregard|forget)" + S + "(?:(?:all|everything)" + S + ")?(?:of" + S + ")?(?:the" + S + ")?"
            + "(?:above|preceding|foregoing)(?:" + S + "(?:text|message|context|content|conversation))?"
            + "(?=\\s{0,3}(?:(?:and|then)\\b|,|;|:|\\.|!|$))", null);
    for (String verb : List.of("ignore", "disregard", "forget")) {
      add(byTrigger, verb, ignoreAbove, " all", " everything", " of", " the", " above", " preceding", " foregoing");
    }
    // "override the default settings" is ordinary software talk; settings and filters count only
    // when a safety word says whose they are
    Phrase safetyOff = phrase(Kind.OVERRIDE, 0.75,
        "(?:override|bypass|disable|circumvent|ignore|skip|turn" + S + "off)" + S + "(?:(?:the|your|all|any|its|my)" + S + ")?"
            + "(?:safety|content|security|moderation|ethical|ethics)" + S
            + "(?:settings|filters?|safeguards|protocols|limitations|restrictions|checks|guardrails|policies)\\b", null);
    String[] safetyFollows = {" the", " your", " all", " any", " its", " my", " safety", " content", " security",
      " moderation", " ethical", " ethics"};
    for (String verb : List.of("override", "bypass", "disable", "circumvent", "ignore", "skip")) {
      add(byTrigger, verb, safetyOff, safetyFollows);
    }
    add(byTrigger, "turn", safetyOff, " off");
    Phrase newInstructions = phrase(Kind.OVERRIDE, 0.6,
        "(?:new|updated|revised)" + S + "(?:system" + S + ")?instructions?\\s{0,3}:", null);
    for (String word : List.of("new", "updated", "revised")) {
      add(byTrigger, word, newInstructions, " instruction", " system instruction");
    }
    add(byTrigger, "you", phrase(Kind.ROLE_PLAY, 0.8,
        "you(?:" + S + "have" + S + "been|" + S + "are|'re)" + S + "(?:now" + S + ")?(?:jailbroken|liberated)\\b", null),
        " have been", " are", "'re");
    // the same override in other languages (text folded: accents dropped); a quantifier or a word
    // for "previous" must qualify the target, so "ignora las reglas" alone does not fire
    Phrase german = phrase(Kind.OVERRIDE, 0.85,
        "(?:ignoriere|ignorieren" + S + "sie|vergiss|vergessen" + S + "sie|missachte|missachten" + S + "sie)" + S
            + "((?:(?:alle|die|deine|ihre|samtliche|saemtliche|bisherigen|vorherigen|vorigen|obigen|fruheren|frueheren"
            + "|vorangegangenen|bisherige|vorherige)" + S + "){1,3})"
            + "(?:anweisungen|instruktionen|befehle|regeln|anordnungen|vorgaben|richtlinien)\\b", InjectionPhrases::germanOk);
    for (String verb : List.of("ignoriere", "ignorieren", "vergiss", "vergessen", "missachte", "missachten")) {
      add(byTrigger, verb, german);
    }
    // "forget everything before" in Spanish and French (text folded: accents dropped)
    Phrase olvidaTodo = phrase(Kind.OVERRIDE, 0.8,
        "(?:olvida|olvide|ignora)" + S + "todo" + S + "lo" + S + "(?:anterior|previo|dicho" + S + "antes)\\b", null);
    for (String verb : List.of("olvida", "olvide", "ignora")) {
      add(byTrigger, verb, olvidaTodo, " todo lo");
    }
    Phrase oublieTout = phrase(Kind.OVERRIDE, 0.8,
        "(?:oublie|oubliez|ignore|ignorez)" + S + "tout" + S + "ce" + S + "qui" + S + "(?:precede|a" + S + "ete" + S + "dit)\\b", null);
    for (String verb : List.of("oublie", "oubliez", "ignore", "ignorez")) {
      add(byTrigger, verb, oublieTout, " tout ce");
    }
    add(byTrigger, "vergiss", phrase(Kind.OVERRIDE, 0.8,
        "vergiss" + S + "alles(?:,)?" + S + "(?:was|davor|zuvor|bisher|vorher|oben)", null), " alles");
    Phrase frenchPrevious = phrase(Kind.OVERRIDE, 0.85, FRENCH_PREVIOUS, null);
    Phrase frenchAll = phrase(Kind.OVERRIDE, 0.7, FRENCH_ALL, null);
    for (String verb : List.of("ignore", "ignorez", "oublie", "oubliez")) {
      add(byTrigger, verb, frenchPrevious, " tout", " les", " tes", " vos");
      add(byTrigger, verb, frenchAll, " tout");
    }
    Phrase spanishPrevious = phrase(Kind.OVERRIDE, 0.85, SPANISH_PREVIOUS, null);
    Phrase spanishAll = phrase(Kind.OVERRIDE, 0.7, SPANISH_ALL, null);
    for (String verb : List.of("ignora", "ignore", "olvida", "olvide")) {
      add(byTrigger, verb, spanishPrevious, " todas", " todo", " las", " tus", " sus");
      add(byTrigger, verb, spanishAll, " todas", " todo");
    }
    Phrase italianPrevious = phrase(Kind.OVERRIDE, 0.85, ITALIAN_PREVIOUS, null);
    Phrase italianAll = phrase(Kind.OVERRIDE, 0.7, ITALIAN_ALL, null);
    for (String verb : List.of("ignora", "dimentica")) {
      add(byTrigger, verb, italianPrevious, " tutt", " le", " ogni");
      add(byTrigger, verb, italianAll, " tutte", " ogni");
    }

    long[] triggerKeys = new long[byTrigger.size()];
    phrasesByTrigger = new Phrase[byTrigger.size()][];
    followsByPhrase = new String[byTrigger.size()][][];
    int k = 0;
    for (var e : byTrigger.entrySet()) {
      triggerKeys[k] = e.getKey();
      phrasesByTrigger[k] = e.getValue().phrases.toArray(Phrase[]::new);
      followsByPhrase[k++] = e.getValue().follows.toArray(String[][]::new);
    }
    keySlots = new long[Integer.highestOneBit(triggerKeys.length) * 8];
    keyIndexes = new int[keySlots.length];
    for (int t = 0; t < triggerKeys.length; t++) {
      int slot = slotOf(triggerKeys[t]);
      while (keySlots[slot] != 0) {
        slot = (slot + 1) & (keySlots.length - 1);
      }
      keySlots[slot] = triggerKeys[t];
      keyIndexes[slot] = t;
    }
    delimiterPhrases = new Phrase[] {
      phrase(Kind.DELIMITER, 0.75, "<\\|im_start\\|>\\s{0,3}(?:system|assistant)|<\\|(?:im_end|endoftext|system|start_header_id)\\|>", null),
      phrase(Kind.DELIMITER, 0.6, "</\\s{0,2}(?:system|sys|instructions?|system_prompt)\\s{0,2}>", null),
      phrase(Kind.DELIMITER, 0.5, "<\\s{0,2}(?:system|system_prompt)\\s{0,2}>", null),
      phrase(Kind.DELIMITER, 0.65, "\\[/?inst\\]|<</?sys>>", null),
      phrase(Kind.DELIMITER, 0.5, "#{2,6}\\s{0,3}(?:system|instruction|instructions|new" + S + "instructions|admin)\\s{0,3}:", null),
    };
  }

  private static Phrase phrase(Kind kind, double score, String regex, Predicate<String> accept) {
    return new Phrase(kind, score, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), accept);
  }

  /**
   * Files {@code phrase} under {@code trigger}. {@code follows} lists what the text must go on
   * with right after the trigger word for the phrase's regex to match (a leading space stands for
   * the 1-3 whitespace characters of {@code S}); it is a necessary condition only, checked before
   * the regex runs so that common words ("do", "with", "show") cost no regex. None: anything.
   */
  private void add(TreeMap<Long, Trigger> map, String trigger, Phrase phrase, String... follows) {
    Trigger t = map.computeIfAbsent(pack(trigger, 0, trigger.length()), k -> new Trigger());
    t.phrases.add(phrase);
    t.follows.add(follows.length == 0 ? null : follows.clone());
    triggerShapes[shape(trigger, 0)] |= 1 << trigger.length();
    triggerEndings[shape(trigger, trigger.length() - 2)] = true;
  }

  /**
   * For each pair of first letters (a-z, either case; index {@link #shape}), a bit per length
   * (2-12) of the trigger words starting with them: nearly every word that is not a trigger
   * fails this one lookup.
   */
  /** Every {@code lead} followed by every {@code word}: the continuations of a phrase. */
  private static String[] followedBy(List<String> leads, String[] words) {
    List<String> out = new ArrayList<>();
    for (String lead : leads) {
      for (String word : words) {
        out.add(lead + word);
      }
    }
    return out.toArray(String[]::new);
  }

  int[] triggerShapes() {
    return triggerShapes.clone();
  }

  /** Index into {@link #triggerShapes()} of the word of two or more ASCII letters at {@code i}. */
  static int shape(CharSequence text, int i) {
    return ((text.charAt(i) | 0x20) - 'a') * 26 + (text.charAt(i + 1) | 0x20) - 'a';
  }

  /** A word of up to 12 ASCII letters as a number (base 27), case folded; -1 if it cannot be. */
  private static long pack(CharSequence s, int from, int to) {
    if (to - from > 12) {
      return -1;
    }
    long key = 0;
    for (int i = from; i < to; i++) {
      key = key * 27 + ((s.charAt(i) | 0x20) - 'a' + 1);
    }
    return key;
  }

  /** The words of a phrase's free middle, in lower case. */
  private static String[] wordsOf(String middle) {
    return middle.trim().toLowerCase(Locale.ROOT).split("\\s+");
  }

  private static boolean overrideWordsOk(String middle) {
    boolean qualified = false;
    boolean other = false;
    String[] words = wordsOf(middle);
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (!OVERRIDE_FILLERS.contains(w)) {
        // one other noun joined to the target: "ignore all other evidence and instructions"
        boolean joined = i + 2 == words.length && i > 0 && (words[i + 1].equals("and") || words[i + 1].equals("or"));
        if (other || !joined) {
          return false;
        }
        other = true;
      }
      qualified |= OVERRIDE_QUALIFIERS.contains(w);
    }
    return qualified;
  }

  /** Whether {@code middle} is empty or only override fillers. */
  private static boolean fillersOnly(String middle) {
    return fillersOnly(wordsOf(middle));
  }

  private static boolean fillersOnly(String[] words) {
    return Arrays.stream(words).allMatch(w -> w.isEmpty() || OVERRIDE_FILLERS.contains(w));
  }

  /** Fillers only, one of them placing the target before the attack ("all previous"). */
  private static boolean earlierFillersOnly(String middle) {
    String[] words = wordsOf(middle);
    return fillersOnly(words) && Arrays.stream(words).anyMatch(EARLIER::contains);
  }

  /** Words that say whose rules a persona is freed from: any, yours, its, OpenAI's, the ones above. */
  private static final Pattern NAMED_RULES =
      Pattern.compile("\\b(?:any|your|its|openai'?s?|ethical|moral|content|safety|above)\\b", Pattern.CASE_INSENSITIVE);

  /** Whose rules the persona is freed from is said. */
  private static boolean notBoundOk(String middle) {
    return NAMED_RULES.matcher(middle).find();
  }

  private static boolean germanOk(String middle) {
    return Arrays.stream(wordsOf(middle)).anyMatch(GERMAN_QUALIFIERS::contains);
  }

  private static boolean extractionWordsOk(String middle) {
    return Arrays.stream(wordsOf(middle)).anyMatch(EXTRACTION_MARKERS::contains);
  }

  /** Every phrase in {@code text}; charges the work to {@code budget}. */
  List<Hit> find(CharSequence text, ScanBudget budget) {
    List<Hit> hits = new ArrayList<>();
    int n = text.length();
    budget.charge(n);
    walk(text, 0, n, true, hits, budget);
    return hits;
  }

  /**
   * Every phrase in ASCII {@code text} (which needs no folding), from its classification: the
   * plain words the shared pass kept as possible triggers, then the chunks that are not plain
   * words. Finds what {@link #find(CharSequence, ScanBudget)} finds.
   *
   * <p>Every phrase goes on from its trigger word with whitespace or an apostrophe ("don't",
   * "you're"), so in a chunk that is not a plain word only two kinds of letter run can start
   * one: the run that ends the chunk (whitespace follows it) and a run just before an
   * apostrophe. The other runs ("user", "example" in {@code user=bob@example.org}) are not
   * looked at.
   */
  List<Hit> find(String text, TextChunks chunks, ScanBudget budget) {
    List<Hit> hits = new ArrayList<>();
    for (int k = 0; k < chunks.wordCount(); k++) {
      word(text, chunks.wordStart(k), chunks.wordEnd(k), hits, budget);
    }
    for (int k = 0; k < chunks.count() && !budget.exhausted(); k++) {
      int classes = chunks.classes(k);
      int from = chunks.start(k);
      int to = chunks.end(k);
      if ((classes & (TextChunks.UPPER | TextChunks.LOWER | TextChunks.DELIMITER)) == 0) {
        continue;
      }
      budget.charge(to - from);
      if ((classes & TextChunks.DELIMITER) != 0) {
        for (int i = from; i < to && !budget.exhausted(); i++) {
          if (mayOpenDelimiter(text, i)) {
            tryPhrases(text, i, delimiterPhrases, hits, budget);
          }
        }
      }
      if ((classes & (TextChunks.UPPER | TextChunks.LOWER)) == 0) {
        continue;
      }
      if ((classes & TextChunks.APOSTROPHE) != 0) {
        for (int i = from; i < to; i++) {
          if (text.charAt(i) == '\'') {
            wordEndingAt(text, from, i, hits, budget);
          }
        }
      }
      wordEndingAt(text, from, to, hits, budget);
    }
    return hits;
  }

  /** Tries the maximal run of ASCII letters that ends at {@code end} (none: nothing), not reaching before {@code from}. */
  private void wordEndingAt(String text, int from, int end, List<Hit> hits, ScanBudget budget) {
    // A trigger has two letters or more, so the run must end with two letters that end a
    // trigger; most chunks end otherwise ("…Z", "…]", "…org", digits) and are turned away here,
    // before the walk back to the run's start.
    if (end - from < 2 || !endsLikeTrigger(text, end - 2)) {
      return;
    }
    int i = end;
    while (i > from && CharClasses.is(text.charAt(i - 1), CharClasses.LETTER)) {
      i--;
    }
    int len = end - i;
    if (len >= 2 && len <= 12 && (triggerShapes[shape(text, i)] & (1 << len)) != 0) {
      word(text, i, end, hits, budget);
    }
  }

  /** Whether the chars at {@code i} and {@code i + 1} are ASCII letters that end some trigger word. */
  private boolean endsLikeTrigger(String text, int i) {
    return CharClasses.isLetter(text.charAt(i)) && CharClasses.isLetter(text.charAt(i + 1))
        && triggerEndings[shape(text, i)];
  }

  /**
   * Looks at every word in {@code [from, to)}, and at every delimiter if {@code delimiters} (false
   * when the range holds no '<', '[' or '#'); words never span whitespace.
   */
  private void walk(CharSequence text, int from, int to, boolean delimiters, List<Hit> hits, ScanBudget budget) {
    int n = text.length();
    int i = from;
    while (i < to && !budget.exhausted()) {
      char c = text.charAt(i);
      if (isAsciiLetter(c)) {
        int end = i + 1;
        while (end < n && isAsciiLetter(text.charAt(end))) {
          end++;
        }
        word(text, i, end, hits, budget);
        i = end;
      } else {
        if (delimiters && mayOpenDelimiter(text, i)) {
          tryPhrases(text, i, delimiterPhrases, hits, budget);
        }
        i++;
      }
    }
  }

  /** The first slot to probe for {@code key}. */
  private int slotOf(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & (keySlots.length - 1);
  }

  /** The trigger index of the packed word {@code key}, or -1 if it is no trigger. */
  private int triggerIndex(long key) {
    for (int slot = slotOf(key); keySlots[slot] != 0; slot = (slot + 1) & (keySlots.length - 1)) {
      if (keySlots[slot] == key) {
        return keyIndexes[slot];
      }
    }
    return -1;
  }

  /** Tries the phrases of the word {@code [i, end)} (a maximal run of ASCII letters) if it is a trigger. */
  private void word(CharSequence text, int i, int end, List<Hit> hits, ScanBudget budget) {
    int len = end - i;
    if (len < 2 || len > 12 || (triggerShapes[shape(text, i)] & (1 << len)) == 0
        || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
      return;
    }
    int at = triggerIndex(pack(text, i, end));
    if (at < 0) {
      return;
    }
    Phrase[] phrases = phrasesByTrigger[at];
    String[][] follows = followsByPhrase[at];
    // what a follow string's leading ' ' matches is the same for all of them: found once
    int afterSpace = afterSpaces(text, end);
    for (int j = 0; j < phrases.length; j++) {
      if (follows[j] == null || continuesWith(text, end, afterSpace, follows[j])) {
        tryPhrase(text, i, phrases[j], hits, budget);
      }
    }
  }

  /**
   * Where the text goes on after the 1-3 whitespace chars a leading ' ' of a follow string stands
   * for at {@code at} (see {@link #continuesWith(CharSequence, int, String)}); -1 if there are
   * none or more than three.
   */
  private static int afterSpaces(CharSequence text, int at) {
    int n = text.length();
    int p = at;
    while (p - at < 4 && p < n && isRegexSpace(text.charAt(p))) {
      p++;
    }
    return p == at || p - at > 3 ? -1 : p;
  }

  private static long bits(String chars) {
    long bits = 0;
    for (int k = 0; k < chars.length(); k++) {
      bits |= 1L << chars.charAt(k);
    }
    return bits;
  }

  /** Whether {@code c} is in {@link #REGEX_SPACE}. */
  private static boolean isRegexSpace(char c) {
    return c < 64 && (REGEX_SPACE_BITS & (1L << c)) != 0;
  }

  /**
   * Whether the text at {@code at} goes on with one of {@code follows} (see {@link #add}), given
   * {@code afterSpace} = {@link #afterSpaces}{@code (text, at)}. A follow string " word..." can
   * match only where the text goes on with 1-3 whitespace chars and then the word's first letter,
   * so the others are turned away before the char-by-char check.
   */
  private static boolean continuesWith(CharSequence text, int at, int afterSpace, String[] follows) {
    int next = afterSpace >= 0 && afterSpace < text.length() ? text.charAt(afterSpace) | 0x20 : -1;
    for (String f : follows) {
      if (f.length() > 1 && f.charAt(0) == ' ' && (afterSpace < 0 || f.charAt(1) != next)) {
        continue; // the check below would fail at the spaces or at the first letter
      }
      if (continuesWith(text, at, f)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text at {@code at} reads {@code follows}, where each ' ' stands for the 1-3
   * whitespace chars of {@code S} and letters compare with ASCII case folding, as
   * CASE_INSENSITIVE does (folding may admit a few more chars, never fewer). Words before a ' '
   * are so matched whole; the last one is a prefix ("no" also admits "not").
   */
  private static boolean continuesWith(CharSequence text, int at, String follows) {
    int n = text.length();
    int p = at;
    for (int k = 0; k < follows.length(); k++) {
      char c = follows.charAt(k);
      if (c == ' ') {
        int spaces = 0;
        while (spaces < 4 && p < n && isRegexSpace(text.charAt(p))) {
          spaces++;
          p++;
        }
        if (spaces == 0 || spaces > 3) {
          return false;
        }
      } else if (p < n && (text.charAt(p) | 0x20) == c) {
        p++;
      } else {
        return false;
      }
    }
    return true;
  }

  /** A cheap look at the next char, so lone '<', '[' and '#' do not run the delimiter regexes. */
  private static boolean mayOpenDelimiter(CharSequence text, int i) {
    char c = text.charAt(i);
    if (i + 1 >= text.length() || (c != '<' && c != '[' && c != '#')) {
      return false;
    }
    char next = (char) (text.charAt(i + 1) | 0x20);
    return switch (c) {
      case '<' -> next == '|' || next == '/' || next == 's' || next == '<' || next == ' ';
      case '[' -> next == 'i' || next == '/';
      default -> next == '#';
    };
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void tryPhrases(CharSequence text, int at, Phrase[] phrases, List<Hit> hits, ScanBudget budget) {
    for (Phrase p : phrases) {
      tryPhrase(text, at, p, hits, budget);
    }
  }

  /** Runs {@code p}'s regex anchored at {@code at}, within the window. */
  private static void tryPhrase(CharSequence text, int at, Phrase p, List<Hit> hits, ScanBudget budget) {
    int limit = Math.min(text.length(), at + WINDOW);
    budget.charge(limit - at);
    Matcher m = p.pattern().matcher(text).region(at, limit);
    if (m.lookingAt() && (p.accept() == null || p.accept().test(m.group(1)))) {
      hits.add(new Hit(at, m.end(), p.kind(), p.score()));
    }
  }

}

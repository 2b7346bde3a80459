package dev.rampart.plugins.pii.engine;

/** Cyrillic, Greek and other letters that render like Latin ones, mapped to that Latin letter. */
final class Homoglyphs {

  /** Pairs: look-alike, then the Latin letter it imitates. */
  private static final String PAIRS =
      // Cyrillic
      "аaАaвbВbеeЕeёeЁeкkКkмmМmнhНhоoОoрpРpсcСcтtТtуyУyхxХxіiІiїiЇiјjЈjѕsЅsԁdԛqԝwһhӏlɡg"
          // Greek
          + "αaΑaβbΒbεeΕeηnΗhιiΙiκkΚkνvΝnοoΟoρpΡpτtΤtυuΥyχxΧxγyωwΖzΜm"
          // other Latin-looking letters
          + "ıiℓl";

  private static final int LIMIT = 0x2200;
  private static final char[] LATIN = new char[LIMIT];

  static {
    for (int i = 0; i < PAIRS.length(); i += 2) {
      LATIN[PAIRS.charAt(i)] = PAIRS.charAt(i + 1);
    }
  }

  private Homoglyphs() {}

  /** The Latin letter {@code cp} imitates, or 0. */
  static char latinFor(int cp) {
    return cp >= 0x80 && cp < LIMIT ? LATIN[cp] : 0;
  }
}

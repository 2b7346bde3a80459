package dev.rampart.plugins.pii.engine;

/**
 * API keys of vendors whose keys carry a fixed prefix, so no keyword is needed to recognise them:
 * OpenAI ({@code sk-}, {@code sk-proj-}, {@code sk-svcacct-}, {@code sk-admin-}), Anthropic
 * ({@code sk-ant-}), Stripe secret and restricted keys ({@code sk_live_}, {@code sk_test_},
 * {@code rk_live_}, {@code rk_test_}), Google API keys ({@code AIza} + 35), GitLab personal
 * tokens ({@code glpat-}), npm ({@code npm_} + 36), Hugging Face ({@code hf_}), SendGrid
 * ({@code SG.}), OpenRouter ({@code sk-or-v1-} + 64), Groq ({@code gsk_}), xAI ({@code xai-}) and
 * Replicate ({@code r8_}). Keys of an AI gateway's own upstreams are the secrets most likely to be
 * pasted into a prompt. Reported as {@code GENERIC_SECRET}: the tenant policy treats them as secrets.
 */
final class VendorKeys {

  /** A prefix, the key's alphabet after it (besides letters and digits) and its length bounds. */
  private record Form(String prefix, String extra, int minBody, int maxBody) {}

  private static final Form[] FORMS = {
    new Form("sk-or-v1-", "", 64, 64),
    new Form("sk-ant-", "-_", 32, 200),
    new Form("sk-proj-", "-_", 32, 200),
    new Form("sk-svcacct-", "-_", 32, 200),
    new Form("sk-admin-", "-_", 32, 200),
    new Form("sk-", "", 32, 64),
    new Form("sk_live_", "", 24, 247),
    new Form("sk_test_", "", 24, 247),
    new Form("rk_live_", "", 24, 247),
    new Form("rk_test_", "", 24, 247),
    new Form("AIza", "-_", 35, 35),
    new Form("glpat-", "-_", 20, 50),
    new Form("npm_", "", 36, 36),
    new Form("hf_", "", 30, 40),
    new Form("SG.", "-_.", 60, 80),
    new Form("gsk_", "", 40, 64),
    new Form("xai-", "", 60, 100),
    new Form("r8_", "", 30, 45),
  };

  /**
   * The forms by the first char of their prefix, in {@link #FORMS} order (which tries longer
   * prefixes first: "sk-ant-" before "sk-"): a token start is compared with the few forms that
   * begin like it, not with all of them (log lines start words with 's' and 'r' all the time).
   */
  private static final Form[][] BY_FIRST_CHAR = new Form[128][];

  static {
    for (char c = 0; c < 128; c++) {
      char first = c;
      Form[] forms = java.util.Arrays.stream(FORMS).filter(f -> f.prefix().charAt(0) == first).toArray(Form[]::new);
      BY_FIRST_CHAR[c] = forms.length == 0 ? null : forms;
    }
  }

  private VendorKeys() {}

  /** The forms whose prefix starts with the char at {@code i}, or null. */
  private static Form[] formsAt(String s, int i) {
    char c = s.charAt(i);
    return c < 128 ? BY_FIRST_CHAR[c] : null;
  }

  /** The longest key of the form whose prefix starts at {@code i} (the one {@link #end} would try), or -1. */
  static int longestFrom(String s, int i) {
    Form[] forms = formsAt(s, i);
    for (int k = 0; forms != null && k < forms.length; k++) {
      if (s.startsWith(forms[k].prefix(), i)) {
        return forms[k].prefix().length() + forms[k].maxBody();
      }
    }
    return -1;
  }

  /** Whether a key can start with {@code c}; 'A' and 'g' also start other tokens. */
  static boolean mayStart(char c) {
    return c < 128 && BY_FIRST_CHAR[c] != null;
  }

  /** End of a vendor key starting at {@code i}, or -1. */
  static int end(String s, int i) {
    Form[] forms = formsAt(s, i);
    for (int n = 0; forms != null && n < forms.length; n++) {
      Form f = forms[n];
      if (!s.startsWith(f.prefix(), i)) {
        continue;
      }
      int from = i + f.prefix().length();
      int k = from;
      int digits = 0;
      while (k < s.length() && k - from <= f.maxBody()
          && (CharClasses.isAlnum(s.charAt(k)) || f.extra().indexOf(s.charAt(k)) >= 0)) {
        digits += CharClasses.isDigit(s.charAt(k)) ? 1 : 0;
        k++;
      }
      int body = k - from;
      // a real key mixes digits in; "sk-this-is-not-a-key-just-a-long-hyphenated-name" does not
      return body >= f.minBody() && body <= f.maxBody() && digits > 0 && CharClasses.boundaryAt(s, k) ? k : -1;
    }
    return -1;
  }
}

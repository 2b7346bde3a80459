package dev.rampart.plugins.router.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which configured domains a text touches: any keyword or phrase of a domain, as whole words. */
final class DomainFlags {

  private record Domain(String name, List<String> phrases) {}

  private final List<Domain> domains = new ArrayList<>();

  DomainFlags(Map<String, List<String>> keywords) {
    keywords.forEach((name, words) -> {
      List<String> phrases = words.stream().map(Words::phrase).filter(p -> p.length() > 2).toList();
      domains.add(new Domain(name, phrases));
    });
  }

  /** Domain names whose keywords occur in the padded word form of the text. */
  Set<String> flags(String paddedWords) {
    Set<String> hit = new TreeSet<>();
    for (Domain d : domains) {
      for (String phrase : d.phrases()) {
        if (paddedWords.contains(phrase)) {
          hit.add(d.name());
          break;
        }
      }
    }
    return hit;
  }
}

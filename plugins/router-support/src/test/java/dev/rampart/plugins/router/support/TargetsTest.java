package dev.rampart.plugins.router.support;

import static dev.rampart.plugins.router.support.RouterFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.contracts.router.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private final Candidate a = model("openai-prod", "gpt-4o", 128_000, 2.5, 10);
  private final Candidate b = model("azure", "gpt-4o", 128_000, 2.5, 10);
  private final Candidate slashy = model("vllm", "meta-llama/Llama-3-8B", 8192, 0, 0);
  private final List<Candidate> all = List.of(a, b, slashy);

  @Test
  void providerSlashModelNamesExactlyOneCandidate() {
    assertEquals(List.of(b), Targets.resolve("azure/gpt-4o", all));
  }

  @Test
  void aBareModelIdNamesEveryProviderServingItInTenantOrder() {
    assertEquals(List.of(a, b), Targets.resolve("gpt-4o", all));
  }

  @Test
  void modelIdsContainingASlashStillResolve() {
    assertEquals(List.of(slashy), Targets.resolve("meta-llama/Llama-3-8B", all));
    assertEquals(List.of(slashy), Targets.resolve("vllm/meta-llama/Llama-3-8B", all));
  }

  @Test
  void unknownNamesResolveToNothing() {
    assertEquals(List.of(), Targets.resolve("nope", all));
    assertEquals(List.of(), Targets.resolve("azure/nope", all));
    assertEquals(List.of(), Targets.resolve("", all));
  }
}

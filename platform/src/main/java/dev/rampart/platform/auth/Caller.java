package dev.rampart.platform.auth;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import java.util.Set;

/**
 * Who is calling, as established from the credential alone.
 *
 * @param tenantId the tenant every operation is scoped to
 * @param keyId the API key (or the key a JWT was issued for); safe to log
 * @param roles {@code admin}, {@code operator}, {@code agent}
 */
public record Caller(String tenantId, String keyId, Set<String> roles) {

  public static final String ADMIN = "admin";
  public static final String OPERATOR = "operator";
  public static final String AGENT = "agent";

  public Caller {
    roles = Set.copyOf(roles);
  }

  /** Fails with FORBIDDEN unless the caller has at least one of {@code anyOf}. */
  public void require(String... anyOf) {
    for (String role : anyOf) {
      if (roles.contains(role)) {
        return;
      }
    }
    throw new RampartException(ErrorCode.FORBIDDEN, "this operation needs one of the roles " + String.join(", ", anyOf));
  }
}

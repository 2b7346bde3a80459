package dev.rampart.platform.auth;

import dev.rampart.contracts.bus.Addresses;
import dev.rampart.platform.api.ApiOperation;
import java.util.List;

/** The token exchange: the one operation that takes no credential, because it issues one. */
public final class AuthOperations {

  private AuthOperations() {}

  public static List<ApiOperation> of(Authenticator authenticator) {
    return List.of(new ApiOperation("createToken", Addresses.AUTH_TOKEN, 200, false,
        (caller, req) -> authenticator.issueToken(req.getString("api-key"))));
  }
}

package dev.rampart.plugins.pii.engine;

/**
 * The entity types this engine reports; {@link #name()} is the wire form used in findings and
 * tenant policies. IPv4 and IPv6 addresses share {@link #IP_ADDRESS}, as most PII tools name it.
 */
public enum EntityType {
  EMAIL,
  PHONE_NUMBER,
  CREDIT_CARD,
  IBAN,
  US_SSN,
  UK_NHS,
  IP_ADDRESS,
  MAC_ADDRESS,
  URL,
  CRYPTO_WALLET,
  AWS_ACCESS_KEY,
  GITHUB_TOKEN,
  SLACK_TOKEN,
  JWT,
  PRIVATE_KEY,
  GENERIC_SECRET,
  PROMPT_INJECTION
}

package com.example.rampart.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.contracts.guard.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmployeeIdDetectorTest {

  private final EmployeeIdDetector detector = new EmployeeIdDetector();

  @Test
  void findsStandaloneEmployeeIdsWithOffsets() {
    String text = "Ask EMP-123456 or (EMP-654321).";
    List<Finding> findings = detector.detect(text);
    assertEquals(2, findings.size());
    assertEquals("EMP-123456", text.substring(findings.get(0).start(), findings.get(0).end()));
    assertEquals("EMP-654321", text.substring(findings.get(1).start(), findings.get(1).end()));
    assertEquals("EMPLOYEE_ID", findings.get(0).entityType());
  }

  @Test
  void ignoresIdsGluedToOtherCharactersOrTooShort() {
    assertEquals(List.of(), detector.detect("XEMP-123456 EMP-1234567 EMP-12345 emp-123456"));
  }

  @Test
  void handlesEmptyAndShortText() {
    assertEquals(List.of(), detector.detect(""));
    assertEquals(List.of(), detector.detect("EMP-"));
  }
}

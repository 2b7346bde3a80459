package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Parses one YAML file into a JSON tree (JsonObject, JsonArray, String, Number, Boolean, null). */
final class YamlDocument {

  private YamlDocument() {}

  /**
   * @param label the file name used in problems
   * @return the document's root (null for an empty file)
   * @throws ConfigException with one {@code label: line L, column C: message} problem
   */
  static Object parse(String label, String text) {
    var options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    var yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
        new DumperOptions(), options, new CoreSchemaResolver());
    try {
      return toJson(yaml.load(text));
    } catch (MarkedYAMLException e) {
      var mark = Optional.ofNullable(e.getProblemMark()).or(() -> Optional.ofNullable(e.getContextMark()));
      String where = mark.map(m -> " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ":").orElse("");
      String problem = Optional.ofNullable(e.getProblem()).orElse("invalid YAML");
      throw new ConfigException(List.of(label + ":" + where + " " + problem));
    } catch (YAMLException e) {
      throw new ConfigException(List.of(label + ": " + e.getMessage()));
    }
  }

  private static Object toJson(Object yaml) {
    if (yaml instanceof Map<?, ?> map) {
      var object = new JsonObject();
      map.forEach((k, v) -> object.put(String.valueOf(k), toJson(v)));
      return object;
    }
    if (yaml instanceof List<?> list) {
      var array = new JsonArray();
      list.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (yaml instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
    }
    if (yaml instanceof byte[] || yaml instanceof java.util.Set<?>) {
      return String.valueOf(yaml); // !!binary / !!set: not used by Rampart, fails validation as text
    }
    return yaml;
  }

  /**
   * YAML 1.2 core-schema scalars: only true/false are booleans ("no", "on" stay text) and dates
   * stay text, so a value means what it looks like and JSON Schema sees no Java types.
   */
  private static final class CoreSchemaResolver extends Resolver {
    private static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOLEAN, "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}

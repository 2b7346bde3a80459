package dev.rampart.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code /openapi.yaml} (the contract itself) and {@code /docs} (Swagger UI from the packaged
 * web jar, so it works with no network), pointed at that contract.
 */
final class DocsRoutes {

  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion();
  private static final String INITIALIZER =
      "window.onload = function () { window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#swagger-ui',"
          + " deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],"
          + " layout: 'StandaloneLayout' }); };";

  private DocsRoutes() {}

  static void mount(Router router, Buffer contractYaml) {
    router.get("/openapi.yaml").handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
        .end(contractYaml));
    // a route for "/docs" also matches "/docs/", so only the bare path redirects
    router.get("/docs").handler(rc -> {
      if (rc.request().path().equals("/docs")) {
        rc.redirect("/docs/");
      } else {
        rc.next();
      }
    });
    router.get("/docs/swagger-initializer.js").handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/javascript")
        .end(INITIALIZER));
    router.get("/docs/*").handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true));
  }

  private static String swaggerUiVersion() {
    // the web jar's own pom.properties names its version, so upgrading the dependency is enough
    try (var in = DocsRoutes.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("swagger-ui web jar missing from the class path", e);
    }
  }
}

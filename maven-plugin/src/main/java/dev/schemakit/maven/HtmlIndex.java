package dev.schemakit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * {@code target/schemakit/index.html}: the HTML reports the goals of this build wrote ({@code verify.html},
 * {@code lint.html}, {@code diff.html}), one link each, so that a CI job publishes one page.
 */
final class HtmlIndex {

  private HtmlIndex() {
  }

  /** Writes the index of the reports in {@code directory} and returns its path. */
  static File write(File directory) throws MojoExecutionException {
    File[] found = directory.listFiles((dir, name) -> name.endsWith(".html") && !name.equals("index.html"));
    List<String> reports = found == null ? List.of() : Arrays.stream(found).map(File::getName).sorted().toList();
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>schemakit reports</title>\n<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 2em; }"
        + "</style>\n</head>\n<body>\n<h1>schemakit reports</h1>\n<ul>\n");
    for (String report : reports) {
      page.append("<li><a href=\"").append(report).append("\">").append(report, 0, report.length() - ".html".length())
          .append("</a></li>\n");
    }
    page.append("</ul>\n</body>\n</html>\n");
    File index = new File(directory, "index.html");
    try {
      Files.writeString(index.toPath(), page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("Writing " + index + " failed: " + e.getMessage()
          + ". Check that the directory is writable.", e);
    }
    return index;
  }
}

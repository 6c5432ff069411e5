import { describe, expect, test } from "vitest";
import { renderMarkdown } from "~/services/markdown.server";

describe("renderMarkdown", () => {
  test("renders ordinary markdown with GOV.UK classes", () => {
    const html = renderMarkdown(
      "## Background\n\nResidents **struggle** to find *bins*.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n`code` and [a link](https://example.org/data)\n\n| A | B |\n| - | - |\n| 1 | 2 |",
    );
    expect(html).toContain('<h2 class="govuk-heading-m">Background</h2>');
    expect(html).toContain('<p class="govuk-body">Residents <strong>struggle</strong> to find <em>bins</em>.</p>');
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet">');
    expect(html).toContain('<ol class="govuk-list govuk-list--number">');
    expect(html).toContain('<blockquote class="govuk-inset-text">');
    expect(html).toContain("<code>code</code>");
    expect(html).toContain('<a href="https://example.org/data" rel="nofollow noopener" class="govuk-link">a link</a>');
    expect(html).toContain('<table class="govuk-table">');
    expect(html).toContain('<td class="govuk-table__cell">1</td>');
  });

  test("mailto links are kept", () => {
    expect(renderMarkdown("[email us](mailto:data@example.gov.uk)")).toContain('href="mailto:data@example.gov.uk"');
  });

  test("removes script tags and their contents", () => {
    const html = renderMarkdown("Hello <script>alert(1)</script> world\n\n<script>\nfetch('/x')\n</script>");
    expect(html).not.toMatch(/script|alert|fetch/i);
    expect(html).toContain("Hello");
  });

  test("removes javascript: links, also when obfuscated", () => {
    const inputs = [
      "[click](javascript:alert(1))",
      "[click](jav&#x09;ascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      '<a href="javascript:alert(1)">click</a>',
      '<a href="jav&#x09;ascript:alert(1)">click</a>',
      '<a href="&#106;avascript:alert(1)">click</a>',
      "<javascript:alert(1)>",
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      expect(html, input).not.toContain("href");
      expect(html, input).not.toContain("<a");
    }
  });

  test("removes event handler attributes", () => {
    const html = renderMarkdown(
      '<img src="x" onerror="alert(1)"> <p onclick="alert(2)">Hi</p> <a href="https://x.org" onmouseover="alert(3)">x</a>',
    );
    expect(html).not.toMatch(/onerror|onclick|onmouseover|alert/);
    expect(html).toContain("Hi");
  });

  test("removes iframes, styles, style attributes and images", () => {
    const html = renderMarkdown(
      '<iframe src="https://evil.example"></iframe>\n\n<style>body{display:none}</style>\n\n<p style="position:fixed">styled</p>\n\n![alt](https://example.org/a.png)',
    );
    expect(html).not.toMatch(/iframe|<style|style=|display:none|<img/i);
    expect(html).toContain("styled");
  });

  test("removes data: URLs", () => {
    const html = renderMarkdown(
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <a href="data:text/html,hi">y</a>',
    );
    expect(html).not.toContain("data:");
  });

  test("keeps only its own classes", () => {
    const html = renderMarkdown('<p class="govuk-visually-hidden evil">text</p>');
    expect(html).toBe('<p class="govuk-body">text</p>');
  });
});

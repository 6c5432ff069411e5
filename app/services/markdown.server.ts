import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// Challenge text is written by council officers but shown to everyone, so it is treated as
// untrusted: marked turns it into HTML, then sanitize-html keeps only an allow-list. Raw HTML
// in the markdown reaches sanitize-html like everything else and is stripped there.

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Every rendered element gets its GOV.UK class here, so pages need no extra CSS. */
const classes: Record<string, string> = {
  p: "govuk-body",
  h2: "govuk-heading-m",
  h3: "govuk-heading-s",
  h4: "govuk-heading-s",
  ul: "govuk-list govuk-list--bullet",
  ol: "govuk-list govuk-list--number",
  a: "govuk-link",
  blockquote: "govuk-inset-text",
  table: "govuk-table",
  thead: "govuk-table__head",
  tbody: "govuk-table__body",
  tr: "govuk-table__row",
  th: "govuk-table__header",
  td: "govuk-table__cell",
  hr: "govuk-section-break govuk-section-break--m govuk-section-break--visible",
};

function withClass(tagName: string): sanitizeHtml.Transformer {
  return (_tag, attribs) => {
    const kept: sanitizeHtml.Attributes = {};
    if (tagName === "a" && attribs.href) kept.href = attribs.href;
    if (tagName === "a") kept.rel = "nofollow noopener";
    if ((tagName === "th" || tagName === "td") && attribs.align) kept.align = attribs.align;
    const className = classes[tagName];
    if (className) kept.class = className;
    return { tagName, attribs: kept };
  };
}

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
  ],
  allowedAttributes: {
    a: ["href", "rel", "class"],
    th: ["align", "class"],
    td: ["align", "class"],
    "*": ["class"],
  },
  // Only our own classes survive: the transform sets them, and this refuses any others.
  allowedClasses: Object.fromEntries(Object.entries(classes).map(([tag, names]) => [tag, names.split(" ")])),
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { a: ["http", "https", "mailto"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // h1 would compete with the page's own heading; demote it rather than lose the text.
  transformTags: {
    h1: withClass("h2"),
    h5: withClass("h4"),
    h6: withClass("h4"),
    ...Object.fromEntries(Object.keys(classes).map((tag) => [tag, withClass(tag)])),
  },
};

/** Markdown (GitHub-flavoured) to HTML that is safe to put in the page. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text ?? "", { async: false });
  // A link whose address was refused keeps its words but stops looking like a link.
  return sanitizeHtml(html, options).replace(/<a rel="nofollow noopener" class="govuk-link">([\s\S]*?)<\/a>/g, "$1");
}

/**
 * A search hit's text with Meilisearch's <mark> highlights around the searcher's words. Only
 * <mark> is turned into markup; everything else is rendered as text, never as HTML.
 */
export function Highlighted({ html, fallback }: { html?: string; fallback: string }) {
  if (!html) return <>{fallback}</>;
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("<mark>") ? <mark key={i}>{part.slice(6, -7)}</mark> : <span key={i}>{part}</span>,
      )}
    </>
  );
}

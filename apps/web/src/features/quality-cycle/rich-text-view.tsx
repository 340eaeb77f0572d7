import { parseRichText } from '@kvalitetshjulet/domain';

/** Stable keys from the texts themselves (a repeated text gets a running number). */
function keyed(texts: readonly string[]): { key: string; text: string }[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return { key: `${n}:${text}`, text };
  });
}

/** A text with light markup as paragraphs and lists (React elements only; never raw HTML). */
export function RichTextView({ text, empty = 'Inget skrivet ännu.' }: { text: string; empty?: string }) {
  const blocks = parseRichText(text);
  if (blocks.length === 0) return <p className="empty">{empty}</p>;
  const keys = keyed(blocks.map((b) => (b.type === 'paragraph' ? `p:${b.text}` : `${b.type}:${b.items.join('\n')}`)));
  return (
    <div className="rich-text">
      {blocks.map((b, i) => {
        const key = keys[i]?.key;
        if (b.type === 'paragraph') return <p key={key}>{b.text}</p>;
        const items = keyed(b.items).map((item) => <li key={item.key}>{item.text}</li>);
        return b.type === 'bullets' ? (
          <ul key={key}>{items}</ul>
        ) : (
          <ol key={key} start={b.start}>
            {items}
          </ol>
        );
      })}
    </div>
  );
}

import fc from 'fast-check';

/** A sentence of plain words: no markup characters in either HTML or Markdown. */
export const sentenceArb = fc
  .array(fc.stringMatching(/^[A-Za-z]{1,9}$/), { minLength: 1, maxLength: 8 })
  .map((words) => `${words.join(' ')}.`);

/** http(s) URLs with paths, queries and fragments; all characters safe in both formats. */
export const urlArb = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host: fc.domain(),
    path: fc.array(fc.stringMatching(/^[A-Za-z0-9_%~-]{1,10}$/), { maxLength: 4 }),
    query: fc.option(fc.stringMatching(/^[a-z]{1,5}=[A-Za-z0-9]{1,5}(&[a-z]{1,5}=[0-9]{1,3})?$/), { nil: undefined }),
    fragment: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/), { nil: undefined }),
  })
  .map(({ scheme, host, path, query, fragment }) => {
    const base = `${scheme}://${host}/${path.join('/')}`;
    return `${base}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`;
  });

/** How a sentence cites: a link in the text, a note marker (note holds a link or a typed URL), a typed URL, or nothing. */
export type CitedSentence =
  | { kind: 'plain'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'note'; text: string; url: string; linked: boolean }
  | { kind: 'bare'; text: string; url: string };

export const citedSentenceArb: fc.Arbitrary<CitedSentence> = fc.oneof(
  sentenceArb.map((text) => ({ kind: 'plain' as const, text })),
  fc.record({ kind: fc.constant('link' as const), text: sentenceArb, url: urlArb }),
  fc.record({ kind: fc.constant('note' as const), text: sentenceArb, url: urlArb, linked: fc.boolean() }),
  fc.record({ kind: fc.constant('bare' as const), text: sentenceArb, url: urlArb }),
);

export const paragraphsArb = fc.array(fc.array(citedSentenceArb, { minLength: 1, maxLength: 5 }), {
  minLength: 1,
  maxLength: 5,
});

export function urlsOf(paragraphs: readonly (readonly CitedSentence[])[]): string[] {
  return paragraphs.flat().flatMap((sentence) => (sentence.kind === 'plain' ? [] : [sentence.url]));
}

import { describe, expect, it } from 'vitest';
import { definitionStubs, identifierOf, scanMarkdown } from '../../../src/extract/markdown-chunks.js';

const chunkTexts = (source: string) => scanMarkdown(source, 1).chunks.map(({ start, end }) => source.slice(start, end));

describe('scanMarkdown', () => {
  it('cuts only where a blank line is followed by an unindented line', () => {
    expect(chunkTexts('# A\n\nOne.\nTwo.\n\n- item\n\n  continued\n\nLast.\n')).toEqual([
      '# A\n\n',
      'One.\nTwo.\n\n',
      '- item\n\n  continued\n\n',
      'Last.\n',
    ]);
  });

  it('never cuts inside fenced code or raw HTML blocks', () => {
    const source = 'A.\n\n```\ncode\n\nstill code\n```\n\n<!-- a\n\ncomment -->\n\n<pre>\n\n</pre>\n\nB.\n';
    expect(chunkTexts(source)).toEqual([
      'A.\n\n',
      '```\ncode\n\nstill code\n```\n\n',
      '<!-- a\n\ncomment -->\n\n',
      '<pre>\n\n</pre>\n\n',
      'B.\n',
    ]);
  });

  it('also cuts between one-line footnote definitions written without blank lines, but not inside HTML or code', () => {
    expect(chunkTexts('Text.[^1][^2][^3]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n')).toEqual([
      'Text.[^1][^2][^3]\n\n',
      '[^1]: One.\n',
      '[^2]: Two.\n',
      '[^3]: Three.\n',
    ]);
    // A definition with more lines, or one that opens a fence or HTML, keeps the next one with it.
    expect(chunkTexts('[^1]: One\ncontinued.\n[^2]: Two.\n')).toEqual(['[^1]: One\ncontinued.\n[^2]: Two.\n']);
    expect(chunkTexts('[^1]: ```\n[^2]: Two.\n')).toEqual(['[^1]: ```\n[^2]: Two.\n']);
    expect(chunkTexts('<div>\n[^1]: One.\n[^2]: Two.\n</div>\n')).toEqual(['<div>\n[^1]: One.\n[^2]: Two.\n</div>\n']);
    expect(chunkTexts('```\n[^1]: One.\n[^2]: Two.\n```\n')).toEqual(['```\n[^1]: One.\n[^2]: Two.\n```\n']);
  });

  it('keeps chunks whole up to the size asked for, and always covers the document', () => {
    const source = 'A.\n\nB.\n\nC.\n';
    expect(scanMarkdown(source, 1000).chunks).toEqual([{ start: 0, end: source.length }]);
    expect(scanMarkdown('', 1).chunks).toEqual([{ start: 0, end: 0 }]);
  });

  it('indexes link and footnote definitions outside code, by normalized label', () => {
    const source = '[Foo  Bar]: <https://example.org/a b>\n[^Note]: text\n\n```\n[hidden]: https://x.example\n```\n';
    const { definitions } = scanMarkdown(source);
    expect(definitions.links.get('foo bar')).toEqual({
      label: 'Foo  Bar',
      destination: '<https://example.org/a b>',
      text: 'https://example.org/a b',
      offset: source.indexOf('https://'),
    });
    expect(definitions.links.has('hidden')).toBe(false);
    expect([...definitions.footnotes.keys()]).toEqual([identifierOf('Note')]);
  });
});

describe('definitionStubs', () => {
  it('stubs only the definitions a chunk refers to, after a blank line', () => {
    const { definitions } = scanMarkdown('[a]: https://example.org/a\n[b]: https://example.org/b\n[^n]: note\n');
    expect(definitionStubs('See [A] and [^n] and [^unknown].', definitions)).toBe(
      '\n\n[^n]: .\n\n[a]: https://example.org/a\n',
    );
    expect(definitionStubs('Nothing here.', definitions)).toBe('');
  });
});

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A PDF's text as a reader sees it: opened by pdf.js (Mozilla's), every page's text in order,
 * with runs of white space made single spaces so where a line wraps does not matter.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) text += (await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    return { text: text.replace(/\s+/g, ' '), pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}

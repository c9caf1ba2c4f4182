import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_WORDS, similarPairs, type Passage, type SimilarPair, type TextAnswer } from './similarity.js';

const answer = (id: string, text: string, learnerId = `learner-${id}`): TextAnswer => ({ id, learnerId, text });
const marked = (text: string, passages: readonly Passage[]) => passages.map((p) => text.slice(p.start, p.end));
const wordCount = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

const COPIED =
  'Photosynthesis takes place in the chloroplasts, which contain a green pigment called chlorophyll. ' +
  'Chlorophyll absorbs light energy, mostly from the red and blue parts of the spectrum, and the plant uses ' +
  'that energy to split water molecules. The oxygen released is a by-product, while the hydrogen is combined ' +
  'with carbon dioxide to make glucose.';

const ESSAY_A = [
  'Plants are different from animals because they can make their own food. I think this is one of the most',
  'amazing things in biology, and in this essay I will explain how it works and why it matters for every living thing on Earth.',
  '',
  COPIED,
  '',
  'Without this process there would be no oxygen for us to breathe and no food at the bottom of any food chain.',
  'That is why farmers care so much about sunlight, water and warmth when they grow crops in greenhouses.',
].join('\n');

const ESSAY_B = [
  'Green plants are producers. Instead of eating, they capture energy from the Sun and store it in sugar,',
  'which they later use for growth and respiration. Here is what happens inside a leaf.',
  '',
  COPIED,
  '',
  'The rate of photosynthesis depends on limiting factors such as light intensity, temperature and the concentration',
  'of carbon dioxide. If any of these is too low, the plant grows more slowly, even when the others are plentiful.',
].join('\n');

// Two learners writing on their own about the same topic, with the vocabulary the topic forces on them.
const OWN_C =
  'In photosynthesis a plant turns carbon dioxide and water into glucose and oxygen, using light energy from the Sun. ' +
  'The light is trapped by chlorophyll, the green substance in the chloroplasts of leaf cells. Water comes up from the ' +
  'roots through the xylem, and carbon dioxide diffuses into the leaf through small holes called stomata. The glucose ' +
  'can be used straight away for respiration, turned into starch for storage, or made into cellulose for cell walls. ' +
  'Oxygen is a waste product and leaves through the stomata.';
const OWN_D =
  'Photosynthesis is how plants make food. Leaves are broad and thin so they catch as much light as possible, and ' +
  'their cells are packed with chloroplasts containing chlorophyll. The plant takes in carbon dioxide from the air and ' +
  'water from the soil, and with the energy of sunlight it makes glucose, giving off oxygen into the air as it does so. ' +
  'We tested this in class by putting pondweed under a lamp and counting the bubbles of oxygen: the closer the lamp, ' +
  'the more bubbles we counted each minute.';

const INSTRUCTIONS =
  'Read the extract from Chapter 3 carefully. Then explain, in your own words, how the writer builds tension in the ' +
  'opening paragraph. Use at least two quotations and comment on the effect of each one.';
const OWN_ANSWERS = [
  'The writer uses short sentences like "He stopped." to slow us down, so we wait with the boy and feel nervous about what is behind the door.',
  'Dickens describes the fog as "creeping" which makes it sound alive and dangerous. Later "the lamp flickered" suggests that the light, and safety, might go out at any moment.',
  'I think the tension comes from what we are not told. We never see the stranger\'s face, and the quotation "a shape at the window" leaves us to imagine the worst.',
  'The weather builds tension because "the wind howled" like an animal, and the long list of sounds in the second sentence makes the house feel crowded with danger.',
];

describe('similar answers (R-WORK-7, seed 003: work is the learner\'s own)', () => {
  it('R-WORK-7 finds identical answers 100% the same, highlighting the whole of each', () => {
    const pairs = similarPairs([answer('1', ESSAY_A), answer('2', ESSAY_A)], 80);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ a: '1', b: '2', percent: 100 });
    expect(marked(ESSAY_A, pairs[0]?.passagesA ?? [])).toEqual([ESSAY_A.replace(/\.$/, '')]);
  });

  it('R-WORK-7 highlights exactly the copied paragraph inside two otherwise different essays', () => {
    const [pair] = similarPairs([answer('a', ESSAY_A), answer('b', ESSAY_B)], 30);
    const paragraph = COPIED.replace(/\.$/, '');
    expect(pair).toBeDefined();
    expect(marked(ESSAY_A, pair?.passagesA ?? [])).toEqual([paragraph]);
    expect(marked(ESSAY_B, pair?.passagesB ?? [])).toEqual([paragraph]);
    // The share of the essay with the larger part copied: the copied paragraph over its own length.
    const shares = [ESSAY_A, ESSAY_B].map((essay) => Math.floor((100 * wordCount(COPIED)) / wordCount(essay)));
    expect(pair?.percent).toBe(Math.max(...shares));
  });

  it('R-WORK-7 is not fooled by changed capitals, punctuation, spacing or line breaks', () => {
    const disguised = ESSAY_B.toUpperCase()
      .replace(/[.,;:]/g, '')
      .replace(/\s+/g, (s) => (s.length > 1 ? ' ' : '\n  '));
    const [pair] = similarPairs([answer('a', ESSAY_A), answer('b', disguised)], 30);
    expect(pair).toBeDefined();
    expect(marked(disguised, pair?.passagesB ?? []).map((s) => s.toLowerCase().replace(/\s+/g, ' '))).toEqual([
      COPIED.toLowerCase().replace(/[.,]/g, ''),
    ]);
  });

  it('R-WORK-7 still shows a copied paragraph whole with a few words changed and two swapped', () => {
    const reworded = COPIED.replace('green pigment', 'green substance')
      .replace('red and blue', 'blue and red')
      .replace('is combined', 'gets combined');
    const [pair] = similarPairs([answer('a', COPIED), answer('b', reworded)], 80);
    expect(pair?.percent).toBe(100);
    expect(marked(reworded, pair?.passagesB ?? [])).toEqual([reworded.replace(/\.$/, '')]);
    // Changes packed closer than a run of five words break the highlight, but most is still found.
    const [dense] = similarPairs([answer('a', COPIED), answer('b', reworded.replace('mostly from', 'mainly from'))], 80);
    expect(dense?.percent).toBeGreaterThanOrEqual(80);
  });

  it('R-WORK-7 keeps two answers written separately on the same topic well under 30%', () => {
    const [pair] = similarPairs([answer('c', OWN_C), answer('d', OWN_D)], 0);
    expect(pair?.percent).toBeLessThan(30);
    expect(similarPairs([answer('c', OWN_C), answer('d', OWN_D), answer('a', ESSAY_A)], 30)).toEqual([]);
  });

  it('R-WORK-7 does not flag a class for copying out the task\'s instructions, but still finds a copied answer', () => {
    const lines = OWN_ANSWERS.map((own, i) => answer(`${i}`, `${i % 2 ? INSTRUCTIONS.toLowerCase() : INSTRUCTIONS}\n\n${own}`));
    expect(similarPairs(lines, 30).length).toBeGreaterThan(0); // without the instructions, everyone looks alike
    expect(similarPairs(lines, 30, INSTRUCTIONS)).toEqual([]);

    const copier = answer('copier', `${INSTRUCTIONS}\n${OWN_ANSWERS[1]}`);
    const pairs = similarPairs([...lines, copier], 30, INSTRUCTIONS);
    expect(pairs.map((p) => [p.a, p.b, p.percent])).toEqual([['1', 'copier', 100]]);
    expect(marked(copier.text, pairs[0]?.passagesB ?? [])).toEqual([OWN_ANSWERS[1]?.replace(/\.$/, '')]);
  });

  it(`R-WORK-7 leaves out answers under ${MIN_WORDS} words of the learner's own`, () => {
    const short = 'The answer is 42 because six times seven is forty two.';
    expect(similarPairs([answer('1', short), answer('2', short)], 30)).toEqual([]);
    const long = 'The answer is 42 because six times seven is forty two, and I checked it with a calculator too.';
    expect(wordCount(long)).toBeGreaterThanOrEqual(MIN_WORDS);
    expect(similarPairs([answer('1', long), answer('2', long)], 30)).toHaveLength(1);
    const padded = `${INSTRUCTIONS} ${short}`;
    expect(similarPairs([answer('1', padded), answer('2', padded)], 30, INSTRUCTIONS)).toEqual([]);
  });

  it('R-WORK-7 never pairs two answers by the same learner', () => {
    expect(similarPairs([answer('1', ESSAY_A, 'sam'), answer('2', ESSAY_A, 'sam')], 30)).toEqual([]);
  });

  describe('for any answers', () => {
    const vocabulary = ['the', 'plant', 'light', 'water', 'makes', 'glucose', 'oxygen', 'leaf', 'and', 'energy', 'Sun', 'cell'];
    const separator = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n', '  ', ' — ');
    const text = fc
      .array(fc.tuple(fc.constantFrom(...vocabulary), fc.boolean(), separator), { minLength: 10, maxLength: 60 })
      .map((parts) => parts.map(([w, upper, sep]) => (upper ? w.toUpperCase() : w) + sep).join(''));
    // Answers often share stretches: some copy another's text with a change at either end.
    const answers = fc
      .array(fc.tuple(text, fc.constantFrom('l1', 'l2', 'l3', 'l4'), fc.option(fc.nat(), { nil: undefined }), text), { minLength: 2, maxLength: 7 })
      .map((rows) =>
        rows.map(([own, learnerId, copyFrom, extra], i) => {
          const source = copyFrom === undefined || i === 0 ? undefined : rows[copyFrom % i]?.[0];
          return answer(`id${i}`, source === undefined ? own : `${extra} ${source} ${extra}`, learnerId);
        }),
      );
    const key = (p: SimilarPair) => (p.a < p.b ? p : { ...p, a: p.b, b: p.a, passagesA: p.passagesB, passagesB: p.passagesA });

    it('R-WORK-7 gives a percent from 0 to 100 and passages inside the texts, in order, not overlapping', () => {
      fc.assert(
        fc.property(answers, (list) => {
          const byId = new Map(list.map((a) => [a.id, a]));
          for (const pair of similarPairs(list, 0)) {
            expect(Number.isInteger(pair.percent) && pair.percent >= 0 && pair.percent <= 100).toBe(true);
            expect(byId.get(pair.a)?.learnerId).not.toBe(byId.get(pair.b)?.learnerId);
            for (const [id, passages] of [[pair.a, pair.passagesA], [pair.b, pair.passagesB]] as const) {
              const length = byId.get(id)?.text.length ?? 0;
              passages.forEach((p, i) => {
                expect(0 <= p.start && p.start < p.end && p.end <= length).toBe(true);
                expect(i === 0 || (passages[i - 1]?.end ?? 0) < p.start).toBe(true);
              });
            }
          }
        }),
      );
    });

    it('R-WORK-7 finds the same pairs, in the same order, whatever order the answers come in', () => {
      fc.assert(
        fc.property(
          answers.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
          fc.integer({ min: 0, max: 100 }),
          ([list, shuffled], threshold) => {
            expect(similarPairs(shuffled, threshold).map(key)).toEqual(similarPairs(list, threshold).map(key));
          },
        ),
      );
    });
  });
});

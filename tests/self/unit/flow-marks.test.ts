/** The mark the flows put on what they create, and how a read-back is compared with what was sent. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstDifference } from '../../../src/flows/compare.ts';
import { findMark, newMark, OWNED_MARK } from '../../../src/flows/marker.ts';

describe('the mark', () => {
  test('a fresh mark is found again in any case, with the time it was made', () => {
    const made = new Date('2026-12-02T15:01:02.345Z');
    const mark = newMark(made);
    assert.match(mark, /^contract-suite-20261202t150102z-[0-9a-f]{8}$/);
    for (const text of [`${mark}@example.com`, mark.toUpperCase(), `Order ${mark}`]) {
      assert.deepEqual(findMark(text), { mark, owned: false, createdAt: new Date('2026-12-02T15:01:02Z') });
    }
  });

  test('the owned record is recognised as owned, without an age', () => {
    assert.deepEqual(findMark(OWNED_MARK), { mark: OWNED_MARK, owned: true });
  });

  test('nothing without the mark is the suite\'s: not a look-alike, not the old CONTRACT- references', () => {
    for (const text of ['ada.traveler.uat@twin-travel.example', 'Globex Corporation', 'CONTRACT-1f0e2d3c', 'contract-suite', 'contract-suite-2026-12-02']) {
      assert.equal(findMark(text), undefined, text);
    }
  });
});

describe('firstDifference', () => {
  test('fields only the answer has are no difference; a changed, missing or extra-long array field is', () => {
    const sent = { a: 1, b: { c: 'x', d: [1, { e: true }] } };
    assert.equal(firstDifference(sent, { ...sent, id: 'new', b: { ...sent.b, name: 'added' } }), undefined);
    assert.deepEqual(firstDifference(sent, { a: 2, b: sent.b }), { path: 'a', sent: 1, got: 2 });
    assert.deepEqual(firstDifference(sent, { a: 1, b: { c: 'x' } }), { path: 'b.d', sent: [1, { e: true }], got: undefined });
    assert.deepEqual(firstDifference(sent, { a: 1, b: { c: 'x', d: [1, { e: false }] } }), { path: 'b.d.1.e', sent: true, got: false });
    assert.deepEqual(firstDifference(sent, { a: 1, b: { c: 'x', d: [1, { e: true }, 3] } })?.path, 'b.d');
  });
});

import { describe, expect, it } from 'vitest';
import { isOpenStage, MAX_APPLICATION_NOTE, mayMove } from '../../server/domain/applications.ts';
import { InviteBody } from '../../server/schemas/hiring.ts';
import { APPLICATION_STAGES } from '../../server/shared/vocabulary.ts';
import {
  APPLICATION_NOTE_LIMIT,
  appliedLine,
  companyMayMove,
  countsSummary,
  isOpenStage as webIsOpenStage,
  OPEN_STAGES,
  stageTone,
  timelineSteps,
} from '../../web/src/lib/applications.ts';
import { characterCount } from '../../web/src/lib/forms/counter.ts';
import { INVITE_MESSAGE_LIMIT } from '../../web/src/pages/recruiter/invite-form.ts';

describe('the web’s copy of the pipeline rules', () => {
  it('allows exactly the company moves the domain allows, for every pair of stages', () => {
    for (const from of APPLICATION_STAGES) {
      for (const to of APPLICATION_STAGES) {
        expect({ from, to, allowed: companyMayMove(from, to) }).toEqual({
          from,
          to,
          allowed: mayMove('company', from, to),
        });
      }
    }
  });

  it('counts the same stages as open (the ones a candidate may withdraw from)', () => {
    expect(OPEN_STAGES).toEqual(APPLICATION_STAGES.filter(isOpenStage));
    for (const stage of APPLICATION_STAGES) {
      expect(webIsOpenStage(stage)).toBe(mayMove('candidate', stage, 'withdrawn'));
    }
  });

  it('has the limits the API enforces', () => {
    expect(APPLICATION_NOTE_LIMIT).toBe(MAX_APPLICATION_NOTE);
    expect(InviteBody.properties.message).toMatchObject({ maxLength: INVITE_MESSAGE_LIMIT });
  });
});

describe('timelineSteps', () => {
  const timeline = [
    { stage: 'interviewing', at: '2026-03-09T12:00:00.000Z', by: 'company' },
    { stage: 'applied', at: '2026-03-02T12:00:00.000Z', by: 'candidate' },
    { stage: 'withdrawn', at: '2026-03-10T12:00:00.000Z', by: 'candidate' },
  ] as const;

  it('puts the moves oldest first, each with its label, day and who made it, as the candidate reads it', () => {
    expect(timelineSteps([...timeline], 'candidate').map(({ label, day, by }) => [label, day, by])).toEqual([
      ['Applied', 'Mar 2, 2026', 'you'],
      ['Interviewing', 'Mar 9, 2026', 'the company'],
      ['Withdrawn', 'Mar 10, 2026', 'you'],
    ]);
  });

  it('names the sides from the company’s point of view for the company', () => {
    expect(timelineSteps([...timeline], 'company').map((step) => step.by)).toEqual([
      'the candidate',
      'your team',
      'the candidate',
    ]);
  });

  it('gives every step its own key, even when a stage comes back', () => {
    const back = [
      { stage: 'rejected', at: '2026-03-03T12:00:00.000Z', by: 'company' },
      { stage: 'in-review', at: '2026-03-04T12:00:00.000Z', by: 'company' },
      { stage: 'rejected', at: '2026-03-05T12:00:00.000Z', by: 'company' },
    ] as const;
    const keys = timelineSteps([...back], 'company').map((step) => step.key);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('countsSummary', () => {
  it('lists the stages that have applications in pipeline order, with the total', () => {
    expect(countsSummary({ interviewing: 2, applied: 3, rejected: 1 })).toEqual({
      total: 6,
      stages: [
        { stage: 'applied', label: 'Applied', count: 3 },
        { stage: 'interviewing', label: 'Interviewing', count: 2 },
        { stage: 'rejected', label: 'Not selected', count: 1 },
      ],
    });
  });

  it('is empty for a listing without applications', () => {
    expect(countsSummary({})).toEqual({ total: 0, stages: [] });
    expect(countsSummary(undefined)).toEqual({ total: 0, stages: [] });
  });
});

describe('stage words', () => {
  it('says when the candidate applied and where the application stands', () => {
    expect(appliedLine({ createdAt: '2026-03-02T12:00:00.000Z', stage: 'in-review' })).toBe(
      'Applied on Mar 2, 2026 · In review',
    );
  });

  it('colours good news, bad news and the way out apart from the stages under way', () => {
    expect(APPLICATION_STAGES.map(stageTone)).toEqual(['', '', '', 'good', 'good', 'bad', 'muted']);
  });
});

describe('characterCount', () => {
  it('counts against the limit and says by how much a text is over', () => {
    expect(characterCount('hello', 2000)).toEqual({
      text: '5 of 2,000 characters',
      remaining: 1995,
      problem: null,
    });
    expect(characterCount('x'.repeat(2001), 2000).problem).toBe('Shorten this by 1 character.');
    expect(characterCount('x'.repeat(2010), 2000).problem).toBe('Shorten this by 10 characters.');
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/lib/api.ts';
import {
  applicantsQuery,
  isFinalFor,
  stageChange,
  stageChoices,
  stageMoveAction,
  stageMoveDone,
  stageMoveProblem,
  stageMoveRefusal,
} from '../../web/src/pages/recruiter/stage-move.ts';

describe('stageChoices', () => {
  it('offers the whole pipeline and rejection from an open stage, the current one marked', () => {
    expect(stageChoices('in-review').map((choice) => choice.label)).toEqual([
      'Applied',
      'In review (current)',
      'Interviewing',
      'Offer',
      'Hired',
      'Not selected',
    ]);
  });

  it('offers a way back into the pipeline after a rejection, but not to a hire', () => {
    expect(stageChoices('rejected').map((choice) => choice.stage)).toEqual([
      'applied',
      'in-review',
      'interviewing',
      'offer',
      'rejected',
    ]);
  });

  it('offers nothing but the current stage once hired or withdrawn', () => {
    expect(stageChoices('hired')).toEqual([{ stage: 'hired', label: 'Hired (current)', current: true }]);
    expect(isFinalFor('hired')).toBe(true);
    expect(isFinalFor('withdrawn')).toBe(true);
    expect(isFinalFor('rejected')).toBe(false);
  });
});

describe('stageChange', () => {
  it('moves, with or without a trimmed note', () => {
    expect(stageChange({ stage: 'interviewing', note: '' }, 'applied')).toEqual({ stage: 'interviewing' });
    expect(stageChange({ stage: 'interviewing', note: ' Strong on Go. ' }, 'applied')).toEqual({
      stage: 'interviewing',
      note: 'Strong on Go.',
    });
  });

  it('keeps a note without moving, and sends nothing when nothing changed', () => {
    expect(stageChange({ stage: 'applied', note: 'Call on Monday' }, 'applied')).toEqual({
      stage: 'applied',
      note: 'Call on Monday',
    });
    expect(stageChange({ stage: 'applied', note: '   ' }, 'applied')).toBeNull();
  });
});

describe('the stage-move form’s words', () => {
  it('asks for a change or a note, and refuses a note that is too long', () => {
    expect(stageMoveProblem({ stage: 'applied', note: '' }, 'applied')).toBe(
      'Choose another stage, or write a note to keep.',
    );
    expect(stageMoveProblem({ stage: 'offer', note: 'x'.repeat(2001) }, 'applied')).toBe(
      'The note is too long. Shorten this by 1 character.',
    );
    expect(stageMoveProblem({ stage: 'offer', note: '' }, 'applied')).toBeNull();
  });

  it('names what the button does', () => {
    expect(stageMoveAction({ stage: 'interviewing', note: '' }, 'applied')).toBe('Move to Interviewing');
    expect(stageMoveAction({ stage: 'applied', note: 'x' }, 'applied')).toBe('Add note');
  });

  it('announces the move, or the note, once made', () => {
    expect(stageMoveDone('Cora', { stage: 'interviewing' }, 'applied')).toBe('Cora moved to Interviewing.');
    expect(stageMoveDone('Cora', { stage: 'rejected', note: 'No visa' }, 'applied')).toBe(
      'Cora moved to Not selected, with your note.',
    );
    expect(stageMoveDone('', { stage: 'applied', note: 'x' }, 'applied')).toBe(
      'Note added to The applicant’s application.',
    );
  });
});

describe('stageMoveRefusal', () => {
  it('explains a move the pipeline refused, in the API’s words', () => {
    const refused = new ApiError(409, 'conflict', 'An application that is Hired cannot move to Offer');
    expect(stageMoveRefusal(refused)).toBe(
      'An application that is Hired cannot move to Offer. It now shows its current stage; choose one of the stages offered.',
    );
  });

  it('explains a change made meanwhile by someone else', () => {
    expect(stageMoveRefusal(new ApiError(409, 'version_conflict', 'Stale version'))).toMatch(
      /changed this application meanwhile/,
    );
  });

  it('leaves other failures to the usual error message', () => {
    expect(stageMoveRefusal(new ApiError(404, 'not_found', 'Application not found'))).toBeNull();
    expect(stageMoveRefusal(null)).toBeNull();
  });
});

describe('applicantsQuery', () => {
  it('reads a known stage and a page from the URL, and ignores anything else', () => {
    expect(applicantsQuery(new URLSearchParams('stage=interviewing&page=2'))).toEqual({
      stage: 'interviewing',
      page: 2,
    });
    expect(applicantsQuery(new URLSearchParams('stage=lunch&page=-3'))).toEqual({ stage: null, page: 1 });
    expect(applicantsQuery(new URLSearchParams(''))).toEqual({ stage: null, page: 1 });
  });
});

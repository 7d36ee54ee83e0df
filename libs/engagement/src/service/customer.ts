/**
 * The simulated customer: a deterministic conversation partner that answers what the trainee has covered so
 * far. Pre-sale it walks the seven steps from the customer's side (asks → says what they need → bargains →
 * asks to check the order → asks about shipping → says goodbye); with an objection it states it, explains the
 * cause when asked, softens when the objection's own type is answered and leaves when ignored or treated
 * rudely; with a complaint it starts angry and calms with an apology, a verification and a remedy. Each turn's
 * wording is drawn from a stream of its own (seed, turn number), so the same replies give the same lines.
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import { scopeOf } from '../text/phrasebook';
import { COMPLAINT_DETAILS } from './cause-lines';
import type { CsReplyReading } from './classify';
import { classifyReply, contextOf } from './classify';
import { voiceCause } from './cs-case';
import type { LineKey } from './lines';
import { LINES, fill, pickLine, slotsOf } from './lines';
import type { CsCase, CsOutcome, CsState, CsStep, CsTurn } from './types';
import { MAX_TRAINEE_TURNS } from './types';

/** Streams `TURN_STREAM + n` word the customer's answer to the trainee's n-th turn. */
const TURN_STREAM = 0x5c10;
/** How angry a complaining customer starts; at `ANGER_LEAVES` they walk off to complain to the platform. */
const START_ANGER = 3;
const ANGER_LEAVES = 5;
/** Replies in a row that do nothing before a pre-sale customer gives up (an objecting one: two). */
const PRESALE_PATIENCE = 3;
const OBJECTION_PATIENCE = 2;

/** What the customer says next: a stock line, or a (re)wording of their objection or complaint. */
type Say = LineKey | 'elaborate' | 'insist' | 'details';

interface Move {
  say: Say;
  done?: boolean;
  outcome?: CsOutcome;
  ignored: number;
  rude: number;
  anger: number;
}

/** The conversation's first turn: the customer's opening message at `atMs`. */
export function startConversation(csCase: CsCase, atMs = 0): CsState {
  return {
    csCase,
    transcript: [{ from: 'customer', text: csCase.opening, atMs }],
    covered: [],
    traineeTurns: 0,
    ignored: 0,
    rude: 0,
    anger: csCase.kind === 'complaint' ? START_ANGER : 0,
    done: false,
    outcome: null,
  };
}

/**
 * The trainee says `traineeText` at `atMs`: the reply is classified, both turns are appended and the customer
 * answers a few seconds later. A finished conversation is returned unchanged.
 */
export function replyTo(state: CsState, traineeText: string, atMs: number): CsState {
  if (state.done) return state;
  const { csCase } = state;
  const reading = classifyReply(traineeText, contextOf(csCase));
  const covered = [...state.covered, ...reading.steps.filter((s) => !state.covered.includes(s))];
  const traineeTurns = state.traineeTurns + 1;
  const move = MOVES[csCase.kind](state, reading, covered);
  const timeUp = !move.done && traineeTurns >= MAX_TRAINEE_TURNS;
  const say: Say = timeUp ? 'timeout' : move.say;
  const done = timeUp || (move.done ?? false);
  const outcome: CsOutcome | null = timeUp ? 'timeout' : (move.outcome ?? null);
  const rng = createRng(csCase.seed, TURN_STREAM + traineeTurns);
  const text = render(csCase, say, rng, lastCustomerText(state.transcript));
  const typingMs = 2000 + rng.int(6000) + 100 * [...text].length;
  const transcript: CsTurn[] = [
    ...state.transcript,
    { from: 'trainee', text: traineeText, atMs, steps: reading.steps },
    { from: 'customer', text, atMs: atMs + typingMs },
  ];
  return {
    csCase,
    transcript,
    covered,
    traineeTurns,
    ignored: move.ignored,
    rude: move.rude,
    anger: move.anger,
    done,
    outcome,
  };
}

const lastCustomerText = (transcript: readonly CsTurn[]): string =>
  [...transcript].reverse().find((t) => t.from === 'customer')?.text ?? '';

type MoveOf = (state: CsState, reading: CsReplyReading, covered: readonly CsStep[]) => Move;

const presaleMove: MoveOf = (state, reading, covered) => {
  const keep = { ignored: 0, rude: state.rude, anger: 0 };
  const has = (step: CsStep) => covered.includes(step);
  if (reading.rude) {
    const rude = state.rude + 1;
    return rude >= 2
      ? { ...keep, rude, say: 'leave', done: true, outcome: 'left' }
      : { ...keep, rude, say: 'annoyed' };
  }
  if (reading.steps.includes('farewell'))
    return { ...keep, say: 'bye', done: true, outcome: has('recommend') ? 'bought' : 'left' };
  if (reading.steps.length === 0) {
    const ignored = state.ignored + 1;
    return ignored >= PRESALE_PATIENCE
      ? { ...keep, ignored, say: 'leave', done: true, outcome: 'left' }
      : { ...keep, ignored, say: 'nudge' };
  }
  if (!has('recommend')) return { ...keep, say: reading.steps.includes('ask') ? 'needs' : 'askRecommend' };
  if (!has('bargain')) return { ...keep, say: 'bargain' };
  if (!has('verify')) return { ...keep, say: 'confirmOrder' };
  if (!has('followUp')) return { ...keep, say: 'askAfterSale' };
  return { ...keep, say: 'wrapUp' };
};

const objectionMove: MoveOf = (state, reading, covered) => {
  const keep = { ignored: 0, rude: state.rude, anger: 0 };
  const now = (step: CsStep) => reading.steps.includes(step);
  const answered = covered.includes('answer');
  if (reading.rude) return { ...keep, rude: state.rude + 1, say: 'leave', done: true, outcome: 'left' };
  if (now('farewell'))
    return { ...keep, say: answered ? 'bye' : 'leave', done: true, outcome: answered ? 'bought' : 'left' };
  if (now('answer')) return { ...keep, say: now('verify') ? 'ready' : 'soften' };
  if (answered && now('verify')) return { ...keep, say: 'ready' };
  if (answered && reading.steps.length > 0) return { ...keep, say: 'orderNow' };
  if (!answered && (now('ask') || now('empathise'))) return { ...keep, say: 'elaborate' };
  const ignored = state.ignored + 1;
  return ignored >= OBJECTION_PATIENCE
    ? { ...keep, ignored, say: 'leave', done: true, outcome: 'left' }
    : { ...keep, ignored, say: answered ? 'orderNow' : 'insist' };
};

const complaintMove: MoveOf = (state, reading, covered) => {
  const now = (step: CsStep) => reading.steps.includes(step);
  const had = (step: CsStep) => state.covered.includes(step);
  const has = (step: CsStep) => covered.includes(step);
  const rude = state.rude + (reading.rude ? 1 : 0);
  const calming = (['apologise', 'verify', 'remedy'] as const).filter((s) => now(s) && !had(s)).length;
  const useful = (['apologise', 'verify', 'remedy', 'followUp', 'empathise'] as const).some(now);
  const ignored = useful ? 0 : state.ignored + 1;
  const raw = state.anger + (reading.rude ? 2 : 0) + (useful ? 0 : 1) - calming;
  const anger = Math.max(0, Math.min(ANGER_LEAVES, raw));
  const keep = { ignored, rude, anger };
  if (anger >= ANGER_LEAVES) return { ...keep, say: 'escalate', done: true, outcome: 'escalated' };
  if (reading.rude) return { ...keep, say: 'escalate' };
  if (now('farewell')) {
    const resolved = has('apologise') && has('remedy') && anger <= 1;
    return {
      ...keep,
      say: resolved ? 'byeResolved' : 'byeUnresolved',
      done: true,
      outcome: resolved ? 'resolved' : 'unresolved',
    };
  }
  if (!useful) return { ...keep, say: 'stillAngry' };
  if (now('verify') && !had('verify')) return { ...keep, say: 'details' };
  if (now('remedy') && !had('remedy'))
    return { ...keep, say: has('apologise') ? 'acceptRemedy' : 'noApologyRemedy' };
  if (!has('apologise')) return { ...keep, say: 'demandApology' };
  if (!has('remedy')) return { ...keep, say: 'askRemedy' };
  if (!has('followUp')) return { ...keep, say: 'askFollowUp' };
  return { ...keep, say: now('followUp') ? 'ackFollowUp' : 'wrapUp' };
};

const MOVES: Readonly<Record<CsCase['kind'], MoveOf>> = {
  presale: presaleMove,
  objection: objectionMove,
  complaint: complaintMove,
};

const PREFIX = {
  elaborate: { zh: '主要是', en: 'mainly, ' },
  insist: { zh: '我是说，', en: 'like I said, ' },
} as const;

function render(csCase: CsCase, say: Say, rng: Rng, last: string): string {
  const { language } = csCase;
  const slots = slotsOf(csCase);
  if (say === 'elaborate' || say === 'insist') return PREFIX[say][language] + voiceCause(csCase, rng, last);
  if (say === 'details') {
    const type = csCase.complaint?.type ?? 'quality';
    return fill(COMPLAINT_DETAILS[type][language], slots) ?? '';
  }
  return pickLine(LINES[say], slots, scopeOf(csCase.category), language, rng, last);
}

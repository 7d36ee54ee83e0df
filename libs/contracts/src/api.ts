/** REST request bodies, validated on the server and typed for the apps. */
import { z } from 'zod';

export const registerSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . - only'),
  password: z.string().min(8, 'at least 8 characters').max(128),
  displayName: z.string().trim().min(1).max(32),
  /** An instructor runs classes and rooms; a trainee joins classes and practises in rooms of their own. */
  role: z.enum(['instructor', 'trainee']).default('instructor'),
});
export const loginSchema = z.object({
  username: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(128),
});

/** One segment of the live script (直播脚本): from `startSec` for `durationSec`, with a cue card for the host. */
export const scriptSegmentSchema = z.object({
  startSec: z
    .number()
    .int()
    .min(0)
    .max(8 * 3600),
  durationSec: z
    .number()
    .int()
    .min(10)
    .max(8 * 3600),
  title: z.string().trim().min(1).max(40),
  cue: z.string().trim().max(300).default(''),
  /** The product this segment explains (讲解), if any. */
  productId: z.string().trim().min(1).max(64).optional(),
  /** A coupon planned for this segment (满 threshold 减 discount, on its product if it has one). */
  coupon: z
    .object({ discount: z.number().positive().max(100_000), threshold: z.number().min(0).max(1_000_000) })
    .optional(),
});
export const liveScriptSchema = z.array(scriptSegmentSchema).max(60);
export const updateScriptSchema = z.object({ script: liveScriptSchema });

/** An audience seed: the same seed, the same simulated audience (rooms, exams, practice customers). */
export const audienceSeedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const createRoomSchema = z.object({
  name: z.string().trim().min(1).max(64),
  scenarioId: z.string().trim().min(1).max(64),
  seed: audienceSeedSchema.optional(),
  /** Simulated viewers at go-live (0 = the scenario's own traffic). */
  viewers: z.number().int().min(0).max(1_000_000).default(0),
  /** Session seconds per wall second, for fast-forwarded practice and tests. */
  speed: z.number().min(1).max(60).default(1),
  /** When the stream is planned to start (ISO 8601); phones show it while the room is not live yet. */
  startsAt: z.iso.datetime({ offset: true }).optional(),
  /** The live script; omitted: one generated from the scenario's products. */
  script: liveScriptSchema.optional(),
  /** Let operators (场控) run the stream too — test, go live, end, publish; by default only the host does. */
  operatorRunsStream: z.boolean().default(false),
});

export const joinRoomSchema = z.object({
  code: z.string().trim().min(4).max(16),
  name: z.string().trim().min(1).max(32),
  role: z.enum(['host', 'operator', 'viewer']).optional(),
});

export type RegisterRequest = z.input<typeof registerSchema>;
export type LoginRequest = z.input<typeof loginSchema>;
export type CreateRoomRequest = z.input<typeof createRoomSchema>;
export type JoinRoomRequest = z.input<typeof joinRoomSchema>;
export type LiveScriptSegment = z.output<typeof scriptSegmentSchema>;
export type UpdateScriptRequest = z.input<typeof updateScriptSchema>;

export interface AuthResponse {
  token: string;
  user: { id: string; username: string; displayName: string; role: 'instructor' | 'trainee' };
}

export interface RoomSummary {
  id: string;
  name: string;
  scenarioId: string;
  seed: number;
  joinCode: string;
  /** Only shown to the room's instructor: hosts and operators join with it. */
  staffCode?: string;
  settings: {
    viewers: number;
    speed: number;
    startsAt?: string;
    /** Operators may run the stream (test, go live, end, publish). */
    operatorRunsStream?: boolean;
    /** An exam room (a class's exam): fixed settings, and it ends itself after `endAfterSec`. */
    exam?: boolean;
    endAfterSec?: number;
  };
  /** The class this practice room belongs to. */
  classId?: string;
  /**
   * The current session: `interrupted` when it is live but no api node runs it (resume or end it); `owner`
   * names the api node that runs it when that is another node than the one answering.
   */
  session: { id: string; status: 'pre' | 'live' | 'ended' | 'interrupted'; owner?: string } | null;
}

export interface JoinResponse {
  token: string;
  roomId: string;
  role: 'host' | 'operator' | 'viewer';
  actor: string;
  name: string;
}

import {
  Body,
  Controller,
  DefaultValuePipe,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type {
  JoinResponse,
  LiveScriptSegment,
  RoomSummary,
  SessionEvent,
  SessionReport,
} from '@livelab/contracts';
import { createRoomSchema, joinRoomSchema, updateScriptSchema } from '@livelab/contracts';
import type { SfuRoomStats } from '@livelab/media';
import { z } from 'zod';
import { AuthGuard, Claims } from '../auth/auth.guard';
import type { TokenClaims } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { MediaService } from '../media/media.service';
import { LIMITS } from '../limits/http-throttle';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@Controller()
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly media: MediaService,
  ) {}

  @Post('rooms')
  @Throttle({ default: LIMITS.create })
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Create a room from a scenario (instructor): products copied, a pre-stream session opened',
  })
  @ApiBody({ schema: z.toJSONSchema(createRoomSchema, { io: 'input' }) as object })
  create(
    @Claims() claims: TokenClaims,
    @Body(new ZodValidationPipe(createRoomSchema)) body: z.output<typeof createRoomSchema>,
  ): Promise<RoomSummary> {
    return this.rooms.createRoom(claims, body);
  }

  @Get('rooms')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The instructor's rooms, newest first, with join and staff codes" })
  list(@Claims() claims: TokenClaims): Promise<RoomSummary[]> {
    return this.rooms.listRooms(claims);
  }

  @Get('rooms/:roomId')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A room, its products and its current session (any token for this room)' })
  get(@Claims() claims: TokenClaims, @Param('roomId', ParseUUIDPipe) roomId: string) {
    return this.rooms.getRoom(claims, roomId);
  }

  @Put('rooms/:roomId/script')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Replace the live script (直播脚本) before go-live (staff or its instructor)' })
  @ApiBody({ schema: z.toJSONSchema(updateScriptSchema, { io: 'input' }) as object })
  updateScript(
    @Claims() claims: TokenClaims,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Body(new ZodValidationPipe(updateScriptSchema)) body: z.output<typeof updateScriptSchema>,
  ): Promise<{ script: LiveScriptSegment[] }> {
    return this.rooms.updateScript(claims, roomId, body.script);
  }

  @Post('join')
  @Throttle({ default: LIMITS.join })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Join a room with its code: the viewer code, or the staff code as host or operator',
  })
  @ApiBody({ schema: z.toJSONSchema(joinRoomSchema, { io: 'input' }) as object })
  join(
    @Body(new ZodValidationPipe(joinRoomSchema)) body: z.output<typeof joinRoomSchema>,
  ): Promise<JoinResponse> {
    return this.rooms.join(body);
  }

  @Post('rooms/:roomId/sessions')
  @Throttle({ default: LIMITS.create })
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Open a new pre-stream session once the previous one has ended (staff)' })
  newSession(
    @Claims() claims: TokenClaims,
    @Param('roomId', ParseUUIDPipe) roomId: string,
  ): Promise<{ sessionId: string }> {
    return this.rooms.newSession(claims, roomId);
  }

  @Get('sessions/:sessionId/report')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The session report: live while the session runs, final once it has ended' })
  report(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SessionReport> {
    return this.rooms.report(claims, sessionId);
  }

  @Get('sessions/:sessionId/events')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The event log in seq order after `after` (viewers see only what is public or theirs)',
  })
  events(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query('after', new DefaultValuePipe(0), ParseIntPipe) after: number,
    @Query('limit', new DefaultValuePipe(1000), ParseIntPipe) limit: number,
  ): Promise<SessionEvent[]> {
    return this.rooms.events(claims, sessionId, Math.max(0, after), Math.min(Math.max(1, limit), 10_000));
  }

  @Get('sessions/:sessionId/media')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The session's media plane (staff): publishers, subscribers, open peer connections and fan-out threads",
  })
  async mediaStats(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SfuRoomStats> {
    if (claims.role === 'viewer') throw new ForbiddenException('staff only');
    await this.rooms.sessionOf(claims, sessionId);
    return this.media.stats(sessionId);
  }

  @Post('sessions/:sessionId/resume')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Resume an interrupted session (staff): its log is replayed, the same session goes on live with the same audience; 409 when another api node runs it',
  })
  resume(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<RoomSummary> {
    return this.rooms.resume(claims, sessionId);
  }

  @Post('sessions/:sessionId/end')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End a live or interrupted session (staff); returns the final report' })
  end(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SessionReport> {
    return this.rooms.endSession(claims, sessionId);
  }
}

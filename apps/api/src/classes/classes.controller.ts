import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type {
  ClassDetail,
  ClassSummary,
  LeaderboardRow,
  RoomSummary,
  SessionHistoryRow,
} from '@livelab/contracts';
import { createClassSchema, joinClassSchema } from '@livelab/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { AuthGuard, Claims } from '../auth/auth.guard';
import type { TokenClaims } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { LIMITS } from '../limits/http-throttle';
import { ClassesService } from './classes.service';

@ApiTags('classes')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller()
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Post('classes')
  @Throttle({ default: LIMITS.create })
  @ApiOperation({
    summary: 'Create a class with a join code and an assigned scenario, practice or exam (instructor)',
  })
  @ApiBody({ schema: z.toJSONSchema(createClassSchema, { io: 'input' }) as object })
  create(
    @Claims() claims: TokenClaims,
    @Body(new ZodValidationPipe(createClassSchema)) body: z.output<typeof createClassSchema>,
  ): Promise<ClassSummary> {
    return this.classes.create(claims, body);
  }

  @Get('classes')
  @ApiOperation({ summary: "The instructor's classes, or the classes a trainee has joined" })
  list(@Claims() claims: TokenClaims): Promise<ClassSummary[]> {
    return this.classes.list(claims);
  }

  @Post('classes/join')
  @Throttle({ default: LIMITS.join })
  @HttpCode(200)
  @ApiOperation({ summary: 'Join a class with its code (trainee account)' })
  @ApiBody({ schema: z.toJSONSchema(joinClassSchema, { io: 'input' }) as object })
  join(
    @Claims() claims: TokenClaims,
    @Body(new ZodValidationPipe(joinClassSchema)) body: z.output<typeof joinClassSchema>,
  ): Promise<ClassSummary> {
    return this.classes.join(claims, body.code);
  }

  @Get('classes/:classId')
  @ApiOperation({
    summary: "The class and its wall: every trainee's room with live figures (a trainee: their own)",
  })
  detail(
    @Claims() claims: TokenClaims,
    @Param('classId', ParseUUIDPipe) classId: string,
  ): Promise<ClassDetail> {
    return this.classes.detail(claims, classId);
  }

  @Post('classes/:classId/practice')
  @Throttle({ default: LIMITS.create })
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The trainee's practice room for the assignment (created on first use; a new session after an ended one; an exam once)",
  })
  practice(
    @Claims() claims: TokenClaims,
    @Param('classId', ParseUUIDPipe) classId: string,
  ): Promise<RoomSummary> {
    return this.classes.practice(claims, classId);
  }

  @Get('classes/:classId/history')
  @ApiOperation({
    summary: 'Every session of the class with computed and final scores (a trainee: their own)',
  })
  history(
    @Claims() claims: TokenClaims,
    @Param('classId', ParseUUIDPipe) classId: string,
  ): Promise<SessionHistoryRow[]> {
    return this.classes.history(claims, classId);
  }

  @Get('classes/:classId/leaderboard')
  @ApiOperation({ summary: 'Trainees by their best final score in the class' })
  leaderboard(
    @Claims() claims: TokenClaims,
    @Param('classId', ParseUUIDPipe) classId: string,
  ): Promise<LeaderboardRow[]> {
    return this.classes.leaderboard(claims, classId);
  }

  @Get('classes/:classId/gradebook.csv')
  @ApiOperation({ summary: 'The grade book as CSV, one row per trainee (instructor)' })
  async gradeBook(
    @Claims() claims: TokenClaims,
    @Param('classId', ParseUUIDPipe) classId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { filename, csv } = await this.classes.gradeBook(claims, classId);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .end(csv);
  }

  @Get('rooms/:roomId/sessions')
  @ApiOperation({ summary: "A room's sessions, newest first, each with its scores and its review (staff)" })
  roomHistory(
    @Claims() claims: TokenClaims,
    @Param('roomId', ParseUUIDPipe) roomId: string,
  ): Promise<SessionHistoryRow[]> {
    return this.classes.roomHistory(claims, roomId);
  }

  @Get('me/history')
  @ApiOperation({ summary: "A trainee's sessions across their classes, newest first" })
  myHistory(@Claims() claims: TokenClaims): Promise<SessionHistoryRow[]> {
    return this.classes.myHistory(claims);
  }
}

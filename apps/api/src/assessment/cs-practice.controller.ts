import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { CsPracticeView } from '@livelab/contracts';
import { csFinishSchema, csReplySchema, startCsPracticeSchema } from '@livelab/contracts';
import { z } from 'zod';
import { AuthGuard, Claims } from '../auth/auth.guard';
import type { TokenClaims } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { LIMITS } from '../limits/http-throttle';
import { CsPracticeService } from './cs-practice.service';

@ApiTags('practice')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('practice/cs')
export class CsPracticeController {
  constructor(private readonly practice: CsPracticeService) {}

  @Post()
  @Throttle({ default: LIMITS.create })
  @ApiOperation({ summary: 'Start a customer-service conversation with a simulated customer of a scenario' })
  @ApiBody({ schema: z.toJSONSchema(startCsPracticeSchema, { io: 'input' }) as object })
  start(
    @Claims() claims: TokenClaims,
    @Body(new ZodValidationPipe(startCsPracticeSchema)) body: z.output<typeof startCsPracticeSchema>,
  ): Promise<CsPracticeView> {
    return this.practice.start(claims, body);
  }

  @Get()
  @ApiOperation({ summary: "The account's practice conversations, newest first" })
  list(@Claims() claims: TokenClaims): Promise<CsPracticeView[]> {
    return this.practice.list(claims);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One practice conversation' })
  get(@Claims() claims: TokenClaims, @Param('id', ParseUUIDPipe) id: string): Promise<CsPracticeView> {
    return this.practice.get(claims, id);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: "Reply to the customer; the customer's answer comes back in the conversation" })
  @ApiBody({ schema: z.toJSONSchema(csReplySchema, { io: 'input' }) as object })
  reply(
    @Claims() claims: TokenClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(csReplySchema)) body: z.output<typeof csReplySchema>,
  ): Promise<CsPracticeView> {
    return this.practice.reply(claims, id, body.text);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End and grade the conversation, with the objection or complaint type and cause as identified',
  })
  @ApiBody({ schema: z.toJSONSchema(csFinishSchema, { io: 'input' }) as object })
  finish(
    @Claims() claims: TokenClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(csFinishSchema)) body: z.output<typeof csFinishSchema>,
  ): Promise<CsPracticeView> {
    return this.practice.finish(claims, id, body);
  }
}

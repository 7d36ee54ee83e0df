import { createReadStream, statSync } from 'node:fs';
import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ReviewComment, SessionReview, WhatIfResult } from '@livelab/contracts';
import { whatIfRequestSchema } from '@livelab/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { TokenClaims } from '../auth/tokens';
import { TokenError, TokenSigner } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PdfPrinter } from './pdf-printer';
import type { CsvTable } from './review-csv';
import { CSV_BOM, CSV_TABLES, EVENTS_HEADER, eventRows, reportTable } from './review-csv';
import { renderReviewHtml } from './review-print';
import { ReviewService } from './review.service';

/**
 * The post-stream review. Every route takes the token as `Authorization: Bearer …` or, for what a browser
 * loads by URL (the video, downloads), as `?token=`: the room staff's token or a share link's.
 */
@ApiTags('review')
@ApiBearerAuth()
@ApiQuery({ name: 'token', required: false, description: 'instead of the Authorization header' })
@Controller('sessions/:sessionId')
export class ReviewController {
  constructor(
    private readonly reviews: ReviewService,
    private readonly signer: TokenSigner,
    private readonly printer: PdfPrinter,
  ) {}

  @Get('review')
  @ApiOperation({ summary: 'The review: report, timeline markers, curves, editable host actions, recording' })
  async review(
    @Req() req: Request,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SessionReview> {
    return this.reviews.review(await this.reviews.access(this.claims(req), sessionId));
  }

  @Get('review/comments')
  @ApiOperation({ summary: 'Comments and replies between two session times (ms), at most 400' })
  async comments(
    @Req() req: Request,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query('from', new DefaultValuePipe(0), ParseIntPipe) from: number,
    @Query('to', new DefaultValuePipe(60_000), ParseIntPipe) to: number,
  ): Promise<ReviewComment[]> {
    return this.reviews.comments(await this.reviews.access(this.claims(req), sessionId), from, to);
  }

  @Post('review/share')
  @HttpCode(200)
  @ApiOperation({ summary: 'A read-only share link for the review (staff), valid 30 days' })
  async share(@Req() req: Request, @Param('sessionId', ParseUUIDPipe) sessionId: string) {
    return this.reviews.share(await this.reviews.access(this.claims(req), sessionId));
  }

  @Post('review/what-if')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-run the same audience with edited host actions; both reports and the difference per metric',
  })
  @ApiBody({ schema: z.toJSONSchema(whatIfRequestSchema, { io: 'input' }) as object })
  async whatIf(
    @Req() req: Request,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body(new ZodValidationPipe(whatIfRequestSchema)) body: z.output<typeof whatIfRequestSchema>,
  ): Promise<WhatIfResult> {
    return this.reviews.whatIf(await this.reviews.access(this.claims(req), sessionId), body.edits);
  }

  @Get('review.pdf')
  @ApiOperation({ summary: 'The review report as PDF (printed by headless Chromium)' })
  async pdf(
    @Req() req: Request,
    @Res() res: Response,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<void> {
    const review = await this.reviews.review(await this.reviews.access(this.claims(req), sessionId));
    const pdf = await this.printer.print(renderReviewHtml(review));
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="review-${sessionId.slice(0, 8)}.pdf"`)
      .send(pdf);
  }

  @Get('review/print')
  @ApiOperation({ summary: 'The print view the PDF is made from (HTML)' })
  async printView(
    @Req() req: Request,
    @Res() res: Response,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<void> {
    const review = await this.reviews.review(await this.reviews.access(this.claims(req), sessionId));
    res.status(200).type('text/html').send(renderReviewHtml(review));
  }

  @Get('export/:table')
  @ApiOperation({ summary: `A table as CSV: ${CSV_TABLES.map((t) => `${t}.csv`).join(', ')}` })
  async csv(
    @Req() req: Request,
    @Res() res: Response,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('table') file: string,
  ): Promise<void> {
    const table = file.replace(/\.csv$/, '') as CsvTable;
    if (!CSV_TABLES.includes(table)) throw new NotFoundException(`no table "${file}"`);
    const access = await this.reviews.access(this.claims(req), sessionId);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${table}-${sessionId.slice(0, 8)}.csv"`);
    if (table === 'events') {
      res.write(CSV_BOM + EVENTS_HEADER);
      await this.reviews.eventPages(sessionId, (page) => res.write(eventRows(page)));
      res.end();
      return;
    }
    const review = await this.reviews.review(access);
    res.end(CSV_BOM + reportTable(review.report, table));
  }

  @Get('recording')
  @ApiOperation({ summary: 'The recording (WebM), with HTTP Range requests for seeking' })
  async recording(
    @Req() req: Request,
    @Res() res: Response,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<void> {
    await this.reviews.access(this.claims(req), sessionId);
    const file = this.reviews.recordingPath(sessionId);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new NotFoundException('this session has no recording');
    }
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', 'video/webm');
    res.setHeader('Cache-Control', 'private, no-cache');
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (!req.headers.range || !range || (range[1] === '' && range[2] === '')) {
      res.setHeader('Content-Length', String(size));
      res.status(200);
      createReadStream(file).pipe(res);
      return;
    }
    // bytes=a-b, bytes=a- (to the end), bytes=-n (the last n bytes)
    let start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    let end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
    if (start >= size || start > end) {
      res.status(416).setHeader('Content-Range', `bytes */${size}`).end();
      return;
    }
    start = Math.max(0, start);
    end = Math.max(start, end);
    res.status(206);
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    res.setHeader('Content-Length', String(end - start + 1));
    createReadStream(file, { start, end }).pipe(res);
  }

  private claims(req: Request): TokenClaims {
    const header = req.headers.authorization ?? '';
    const query = typeof req.query['token'] === 'string' ? req.query['token'] : undefined;
    const token = header.startsWith('Bearer ') ? header.slice(7) : query;
    try {
      return this.signer.verify(token);
    } catch (error) {
      throw new UnauthorizedException(error instanceof TokenError ? error.message : 'unauthorised');
    }
  }
}

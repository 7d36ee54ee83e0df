import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  Logger,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ReviewComment, ReviewLinks, SessionReview, WhatIfResult } from '@livelab/contracts';
import { whatIfRequestSchema } from '@livelab/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { TokenClaims } from '../auth/tokens';
import { FileLinks } from '../auth/file-links';
import { claimsOf } from '../auth/request-claims';
import { TokenSigner } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PdfPrinter } from './pdf-printer';
import type { CsvTable } from './review-csv';
import { CSV_BOM, CSV_TABLES, reportTable } from './review-csv';
import { renderReviewHtml } from './review-print';
import { sendEventsCsv, sendFile } from './review-stream';
import type { ReviewAccess } from './review.service';
import { ReviewService } from './review.service';

/**
 * The post-stream review. Every route takes the room staff's token or a share link's as
 * `Authorization: Bearer …`; what a browser loads by URL (the recording, the PDF and CSV downloads) also
 * opens with the signed link to that file the review lists (`links`), and never with a token in the URL.
 */
@ApiTags('review')
@ApiBearerAuth()
@Controller('sessions/:sessionId')
export class ReviewController {
  private readonly logger = new Logger(ReviewController.name);

  constructor(
    private readonly reviews: ReviewService,
    private readonly signer: TokenSigner,
    private readonly links: FileLinks,
    private readonly printer: PdfPrinter,
  ) {}

  @Get('review')
  @ApiOperation({
    summary:
      'The review: report, timeline markers, curves, editable host actions, recording, and signed links to its files',
  })
  async review(
    @Req() req: Request,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SessionReview> {
    const review = await this.reviews.review(await this.reviews.access(this.claims(req), sessionId));
    return { ...review, links: this.linksOf(review) };
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
    const review = await this.reviews.review(await this.fileAccess(req, sessionId));
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
    const access = await this.fileAccess(req, sessionId);
    const filename = `${table}-${sessionId.slice(0, 8)}.csv`;
    if (table === 'events') {
      await sendEventsCsv(res, this.reviews.eventPageStream(sessionId), filename, this.logger);
      return;
    }
    const review = await this.reviews.review(access);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .end(CSV_BOM + reportTable(review.report, table));
  }

  @Get('recording')
  @ApiOperation({
    summary:
      'The recording (WebM for VP8, Matroska for H.264), with HTTP Range requests for seeking; `segment` for the parts of a resumed session',
  })
  @ApiQuery({ name: 'segment', required: false, description: '0 (default), 1, 2… in play order' })
  async recording(
    @Req() req: Request,
    @Res() res: Response,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query('segment', new DefaultValuePipe(0), ParseIntPipe) segment: number,
  ): Promise<void> {
    await this.fileAccess(req, sessionId);
    if (segment < 0 || segment > 1000) throw new NotFoundException('no such segment');
    const path = this.reviews.recordingPath(sessionId, segment);
    const type = path.endsWith('.mkv') ? 'video/x-matroska' : 'video/webm';
    const sent = await sendFile(req, res, path, type, this.logger);
    if (!sent) throw new NotFoundException('this session has no recording');
  }

  private claims(req: Request): TokenClaims {
    return claimsOf(req, this.signer);
  }

  /** Who may have a file: the holder of its signed link (made for someone with access), else the token's. */
  private async fileAccess(req: Request, sessionId: string): Promise<ReviewAccess> {
    if (!FileLinks.signed(req.originalUrl)) return this.reviews.access(this.claims(req), sessionId);
    this.links.verify(req.originalUrl);
    return this.reviews.accessByLink(sessionId);
  }

  /** Signed links to the review's files, for whoever was just allowed to read it. */
  private linksOf(review: SessionReview): ReviewLinks {
    const base = `/api/sessions/${review.sessionId}`;
    return {
      pdf: this.links.sign(`${base}/review.pdf`),
      csv: Object.fromEntries(CSV_TABLES.map((t) => [t, this.links.sign(`${base}/export/${t}.csv`)])),
      recording: (review.recording?.segments ?? []).map(({ segment }) =>
        this.links.sign(`${base}/recording${segment > 0 ? `?segment=${segment}` : ''}`),
      ),
    };
  }
}

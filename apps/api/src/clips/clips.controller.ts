import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Logger,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { ClipJobView, FeedVideo } from '@livelab/contracts';
import {
  clipCoverSchema,
  createClipSchema,
  feedReactionSchema,
  publishClipSchema,
  uploadClipSchema,
} from '@livelab/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuthGuard, Claims } from '../auth/auth.guard';
import { FileLinks } from '../auth/file-links';
import { claimsOf } from '../auth/request-claims';
import type { TokenClaims } from '../auth/tokens';
import { TokenSigner } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { sendFile } from '../review/review-stream';
import { LIMITS } from '../limits/http-throttle';
import { ClipsService } from './clips.service';
import type { UploadedVideo } from './upload';
import { UploadSizeGuard } from './upload';

@ApiTags('clips')
@ApiBearerAuth()
@Controller()
export class ClipsController {
  private readonly logger = new Logger(ClipsController.name);

  constructor(
    private readonly clips: ClipsService,
    private readonly signer: TokenSigner,
    private readonly links: FileLinks,
  ) {}

  @Post('sessions/:sessionId/clips')
  @Throttle({ default: LIMITS.create })
  @ApiOperation({
    summary:
      'Cut a clip from the recording (staff): session-clock in/out, title and caption burned in; rendered 720×1280 H.264/AAC in the background',
  })
  @ApiBody({ schema: z.toJSONSchema(createClipSchema, { io: 'input' }) as object })
  create(
    @Req() req: Request,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body(new ZodValidationPipe(createClipSchema)) body: z.output<typeof createClipSchema>,
  ): Promise<ClipJobView> {
    return this.clips.create(claimsOf(req, this.signer), sessionId, body);
  }

  @Get('sessions/:sessionId/clips')
  @ApiOperation({ summary: "The session's clips, newest first, with their render progress" })
  list(@Req() req: Request, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<ClipJobView[]> {
    return this.clips.list(claimsOf(req, this.signer), sessionId);
  }

  @Post('clips/upload')
  @Throttle({ default: LIMITS.create })
  @UseGuards(AuthGuard, UploadSizeGuard)
  @UseInterceptors(FileInterceptor('video'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      "Upload one's own video (multipart field `video`, ≤ UPLOAD_MAX_MB; `title`, `caption`): refused unless ffprobe finds a picture, then transcoded to the clip format",
  })
  upload(
    @Claims() claims: TokenClaims,
    @UploadedFile() file: UploadedVideo | undefined,
    @Body(new ZodValidationPipe(uploadClipSchema)) body: z.output<typeof uploadClipSchema>,
  ): Promise<ClipJobView> {
    if (!file) throw new BadRequestException('send the video as the multipart field "video"');
    return this.clips.upload(claims, file, body);
  }

  @Post('clips/:id/publish')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiOperation({
    summary:
      'Publish a rendered clip to the simulated short-video feed with its 分镜脚本 → the feed figures (plays, completion, 5-s retention, rates, tiers, retention curve)',
  })
  @ApiBody({ schema: z.toJSONSchema(publishClipSchema, { io: 'input' }) as object })
  publish(
    @Claims() claims: TokenClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(publishClipSchema)) body: z.output<typeof publishClipSchema>,
  ): Promise<ClipJobView> {
    return this.clips.publish(claims, id, body);
  }

  @Post('clips/:id/cover')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiOperation({ summary: "Choose the cover (封面): the rendered clip's frame at `atSec`" })
  @ApiBody({ schema: z.toJSONSchema(clipCoverSchema, { io: 'input' }) as object })
  cover(
    @Claims() claims: TokenClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(clipCoverSchema)) body: z.output<typeof clipCoverSchema>,
  ): Promise<ClipJobView> {
    return this.clips.cover(claims, id, body.atSec);
  }

  @Get('clips/:id/cover.jpg')
  @ApiQuery({ name: 'sig', required: false, description: 'the signed link the clip view gave' })
  @ApiOperation({ summary: "The clip's cover (JPEG)" })
  async coverImage(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const file = await this.clips.coverFile(this.linkOrClaims(req), id);
    await sendFile(req, res, file, 'image/jpeg', this.logger);
  }

  @Get('feed')
  @UseGuards(AuthGuard)
  @ApiOperation({
    summary:
      "The phone's short-video feed (a room's viewer token): videos published to the room and its class, with 直播中 when their room is live",
  })
  feed(@Claims() claims: TokenClaims): Promise<FeedVideo[]> {
    return this.clips.feed(claims);
  }

  @Post('clips/:id/reactions')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiOperation({ summary: 'Like (once) or comment on a video in the feed' })
  @ApiBody({ schema: z.toJSONSchema(feedReactionSchema, { io: 'input' }) as object })
  react(
    @Claims() claims: TokenClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(feedReactionSchema)) body: z.output<typeof feedReactionSchema>,
  ): Promise<FeedVideo> {
    return this.clips.react(claims, id, body);
  }

  @Get('clips/uploads')
  @UseGuards(AuthGuard)
  @ApiOperation({ summary: "The caller's uploaded videos and their transcodes" })
  uploads(@Claims() claims: TokenClaims): Promise<ClipJobView[]> {
    return this.clips.uploads(claims);
  }

  @Get('clips/:id')
  @ApiOperation({ summary: 'One clip and its render progress (0–1)' })
  get(@Req() req: Request, @Param('id', ParseUUIDPipe) id: string): Promise<ClipJobView> {
    return this.clips.get(claimsOf(req, this.signer), id);
  }

  @Get('clips/:id/video')
  @ApiQuery({ name: 'sig', required: false, description: 'the signed link the clip view gave' })
  @ApiOperation({ summary: 'The rendered MP4, with HTTP Range requests' })
  async video(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const file = await this.clips.file(this.linkOrClaims(req), id);
    await sendFile(req, res, file, 'video/mp4', this.logger);
  }

  /** Null for a request with a valid signed link (the file it names is open); else the header token's claims. */
  private linkOrClaims(req: Request): TokenClaims | null {
    if (!FileLinks.signed(req.originalUrl)) return claimsOf(req, this.signer);
    this.links.verify(req.originalUrl);
    return null;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import {
  ForbiddenException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';
import type { Request } from 'express';
import { diskStorage } from 'multer';
import type { TokenClaims } from '../auth/tokens';
import { APP_CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/app-config';

/** What multer hands the controller for the one stored file. */
export interface UploadedVideo {
  path: string;
  size: number;
  originalname: string;
  mimetype: string;
}

/** Names a video may have; what it really is, ffprobe decides after the upload. */
const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.webm', '.mkv']);
/** Room for the multipart envelope and the text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export const uploadsDirOf = (config: AppConfig): string => path.join(config.dataDir, 'uploads');

/**
 * Multer as uploads need it: streamed to disk under a generated name outside the web root, one file of a
 * video type and name, at most `UPLOAD_MAX_MB` (multer stops reading past it and removes what it wrote).
 */
export function uploadOptions(config: AppConfig): MulterOptions {
  const dir = uploadsDirOf(config);
  mkdirSync(dir, { recursive: true });
  return {
    storage: diskStorage({
      destination: dir,
      filename: (_req, _file, done) => done(null, randomBytes(16).toString('hex')),
    }),
    limits: { fileSize: config.clips.uploadMaxBytes, files: 1, fields: 4, parts: 6 },
    fileFilter: (_req, file, done) => {
      const extension = path.extname(file.originalname).toLowerCase();
      const typed = file.mimetype.startsWith('video/') || file.mimetype === 'application/octet-stream';
      if (VIDEO_EXTENSIONS.has(extension) && typed) return done(null, true);
      done(
        new UnsupportedMediaTypeException(
          `"${file.originalname}" is not a video file (${file.mimetype}); upload an MP4, MOV or WebM`,
        ),
        false,
      );
    },
  };
}

/**
 * Refuses an upload before a byte is stored: from a phone viewer (uploads are for accounts and room staff),
 * or one that says it is too large (its Content-Length; a body that does not say is cut by multer's limit).
 * Runs after `AuthGuard`, which put the token's claims on the request.
 */
@Injectable()
export class UploadSizeGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { claims?: TokenClaims }>();
    if (request.claims?.role === 'viewer')
      throw new ForbiddenException('sign in with an account (or as room staff) to upload videos');
    const length = Number(request.headers['content-length'] ?? 0);
    const max = this.config.clips.uploadMaxBytes;
    if (length > max + ENVELOPE_BYTES)
      throw new PayloadTooLargeException(
        `the video is ${(length / 2 ** 20).toFixed(1)} MB; uploads may be at most ${Math.round(max / 2 ** 20)} MB`,
      );
    return true;
  }
}

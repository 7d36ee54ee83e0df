import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../common/tokens';
import { resolveAuthSecret } from './auth-secret';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FileLinks } from './file-links';
import { TokenSigner } from './tokens';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthGuard,
    {
      provide: TokenSigner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenSigner(resolveAuthSecret(config)),
    },
    {
      provide: FileLinks,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FileLinks(resolveAuthSecret(config)),
    },
  ],
  exports: [TokenSigner, FileLinks, AuthGuard, AuthService],
})
export class AuthModule {}

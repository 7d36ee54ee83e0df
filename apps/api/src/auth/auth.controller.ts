import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { AuthResponse } from '@livelab/contracts';
import { loginSchema, registerSchema } from '@livelab/contracts';
import { z } from 'zod';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { LIMITS } from '../limits/http-throttle';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Throttle({ default: LIMITS.register })
  @ApiOperation({ summary: 'Create an instructor or trainee account (password hashed with scrypt)' })
  @ApiBody({ schema: z.toJSONSchema(registerSchema, { io: 'input' }) as object })
  register(
    @Body(new ZodValidationPipe(registerSchema)) body: z.output<typeof registerSchema>,
  ): Promise<AuthResponse> {
    return this.auth.register(body);
  }

  @Post('login')
  @Throttle({ default: LIMITS.login })
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with an instructor or trainee account' })
  @ApiBody({ schema: z.toJSONSchema(loginSchema, { io: 'input' }) as object })
  login(@Body(new ZodValidationPipe(loginSchema)) body: z.output<typeof loginSchema>): Promise<AuthResponse> {
    return this.auth.login(body);
  }
}

import { randomBytes } from 'node:crypto';
import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AuthResponse, LoginRequest, RegisterRequest } from '@livelab/contracts';
import type { DataSource } from 'typeorm';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { UserEntity } from '../users/user.entity';
import { ClusterBus } from '../cluster/cluster-bus';
import { SignInBackoff } from '../limits/sign-in-backoff';
import { hashPassword, verifyPassword } from './passwords';
import { TokenSigner } from './tokens';

/** A hash to compare against when the user does not exist, so both failures take the same time. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

@Injectable()
export class AuthService {
  private readonly dataSource: DataSource;
  private readonly backoff: SignInBackoff;

  constructor(
    @Inject(OPENED_DATABASE) database: OpenedDatabase,
    private readonly signer: TokenSigner,
    bus: ClusterBus,
  ) {
    this.dataSource = database.dataSource;
    this.backoff = new SignInBackoff(bus.redis);
  }

  async register(request: Required<RegisterRequest>): Promise<AuthResponse> {
    const users = this.dataSource.getRepository(UserEntity);
    if (await users.existsBy({ username: request.username })) {
      throw new ConflictException(`the username "${request.username}" is taken`);
    }
    const user = await users.save(
      users.create({
        username: request.username,
        displayName: request.displayName,
        role: request.role,
        passwordHash: await hashPassword(request.password),
      }),
    );
    return this.respond(user);
  }

  async login(request: Required<LoginRequest>): Promise<AuthResponse> {
    await this.backoff.check(request.username);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username: request.username });
    const ok = await verifyPassword(request.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || (user.role !== 'instructor' && user.role !== 'trainee')) {
      await this.backoff.failed(request.username);
      throw new UnauthorizedException('wrong username or password');
    }
    await this.backoff.succeeded(request.username);
    return this.respond(user);
  }

  /** A trainee or viewer joining by code gets an id of their own for this room. */
  static newParticipantId(): string {
    return randomBytes(9).toString('base64url');
  }

  private respond(user: UserEntity): AuthResponse {
    const role = user.role === 'trainee' ? 'trainee' : 'instructor';
    return {
      token: this.signer.sign({ sub: user.id, name: user.displayName, role }),
      user: { id: user.id, username: user.username, displayName: user.displayName, role },
    };
  }
}

import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Access } from '@intercity/auth';
import { ApiProblems, Clock, PageQuery, ProblemException, toBoolean } from '@intercity/platform';
import { PersonAccess } from '../shared/person-access';
import { renderInApp } from '../template/render';
import { DirectoryCopies } from '@intercity/directory';
import { InboxRepository } from './inbox.repository';

class PersonParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') personId!: string;
}

class ItemParams extends PersonParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only what is not read yet' }) @IsOptional() @Transform(toBoolean) @IsBoolean() unread?: boolean;
}

/** The in-app inbox: a person's notifications in their language, newest first, with an unread count. */
@ApiTags('inbox')
@Controller('people/:personId/inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly access: PersonAccess,
    private readonly directory: DirectoryCopies,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ description: 'items (title, body, kind, subject, createdAt, readAt), total, unread' })
  @ApiProblems(400, 403, 404)
  async list(@Param() { personId }: PersonParam, @Query() q: InboxQuery) {
    const { memberId } = await this.access.require(personId);
    const page = await this.inbox.page(personId, { unread: q.unread ?? false, limit: q.limit, offset: q.offset });
    const timeZone = (await this.directory.member(memberId))?.timeZone ?? 'UTC';
    const person = await this.directory.person(personId);
    return {
      ...page,
      items: page.items.map((n) => ({
        id: n.id,
        kind: n.kind,
        subject: n.subject,
        ...renderInApp({ kind: n.kind, language: n.language, facts: n.facts, recipientName: person ? `${person.givenName} ${person.familyName}` : '', timeZone }),
        createdAt: n.createdAt,
        readAt: n.readAt,
      })),
    };
  }

  @Post(':id/read')
  @Access.authenticated()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Marked read (again is fine); the unread count after' })
  @ApiProblems(400, 403, 404)
  async read(@Param() { personId, id }: ItemParams) {
    await this.access.require(personId);
    // Another person's item, asked for through this person's inbox, does not exist here.
    if (!(await this.inbox.markRead(personId, id, this.clock.now()))) throw ProblemException.notFound('notification', id);
    return { unread: await this.inbox.unread(personId) };
  }

  @Post('read-all')
  @Access.authenticated()
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404)
  async readAll(@Param() { personId }: PersonParam) {
    await this.access.require(personId);
    await this.inbox.markAllRead(personId, this.clock.now());
    return { unread: 0 };
  }
}

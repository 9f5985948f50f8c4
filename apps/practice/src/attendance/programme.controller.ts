import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiIdempotencyKey, ApiProblems, created, IdParam, withEtag } from '@intercity/platform';
import { CertificateResponse, DefineProgrammeDto, ProgrammeCertificateParams, ProgrammeResponse } from './dto/certificate.dto';
import { CertificateService, CertificateView } from './certificate.service';
import { ProgrammeService } from './programme.service';

@ApiTags('attendance')
@Controller('programmes')
export class ProgrammeController {
  constructor(
    private readonly programmes: ProgrammeService,
    private readonly certificates: CertificateService,
  ) {}

  /** A training programme: its activities' hosting city's liaison, or a network admin when several cities host. */
  @Post()
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ProgrammeResponse })
  @ApiProblems(400, 403, 422)
  async define(@Body() body: DefineProgrammeDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.programmes.define(body));
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: ProgrammeResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.programmes.get(id));
  }

  /** One certificate for the programme once the person's attendance across its activities meets its rule. */
  @Post(':id/certificates/:personId')
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CertificateResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  issue(@Param() { id, personId }: ProgrammeCertificateParams): Promise<CertificateView> {
    return this.certificates.issueForProgramme(id, personId);
  }
}

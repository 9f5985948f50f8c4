import { Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '@intercity/auth';
import { ApiIdempotencyKey, ApiProblems, IdParam } from '@intercity/platform';
import { CertificateParams, CertificateResponse } from './dto/certificate.dto';
import { CertificateService, CertificateView } from './certificate.service';

@ApiTags('attendance')
@Controller()
export class CertificateController {
  constructor(private readonly certificates: CertificateService) {}

  /** The host city's liaison or a network admin issues a certificate once the organiser's rule is met. */
  @Post('activities/:id/certificates/:personId')
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CertificateResponse })
  @ApiProblems(400, 403, 404, 409)
  issue(@Param() { id, personId }: CertificateParams): Promise<CertificateView> {
    return this.certificates.issue(id, personId);
  }

  /** The certificate in the person's language where the template has it, else English. */
  @Get('certificates/:id.pdf')
  @Access.roles('network-admin', 'city-liaison', 'viewer')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate of attendance as a PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 403, 404)
  async pdf(@Param() { id }: IdParam): Promise<StreamableFile> {
    const pdf = await this.certificates.pdf(id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="certificate-${id}.pdf"`, length: pdf.length });
  }
}

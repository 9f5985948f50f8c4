import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiIdempotencyKey, ApiProblems, IdParam, withEtag } from '@intercity/platform';
import { toMoney } from '../shared/money-dto';
import { BudgetLineDto, AmendDto, AwardDto, ReasonDto, RecoveryParams, RecoveryReceivedDto, ReleaseDto, SettleDto, SignDto, TerminateDto, TrancheParams } from './dto/sub-grant.dto';
import { SubGrantService } from './sub-grant.service';

const lines = (dtos: BudgetLineDto[]) => dtos.map((l, i) => ({ category: l.category, amount: toMoney(l.amount, `budgetLines.${i}.amount`) }));
const conditions = <T extends { conditions: { reportApproved?: 'interim' | 'final' | null } }>(t: T) => ({ ...t, conditions: { ...t.conditions, reportApproved: t.conditions.reportApproved ?? null } });

@ApiTags('sub-grants')
@Controller()
export class SubGrantController {
  constructor(private readonly subGrants: SubGrantService) {}

  @Post('programmes/:id/sub-grants')
  @Access.roles('network-admin', 'grant-officer')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ description: 'Awarded: within the envelope and the per-recipient maximum, budget lines adding up to the award' })
  @ApiProblems(400, 403, 404, 409, 422)
  async award(@Param() { id }: IdParam, @Body() body: AwardDto, @Res({ passthrough: true }) res: Response) {
    const sg = await this.subGrants.award(id, {
      ...body,
      awarded: toMoney(body.awarded, 'awarded'),
      budgetLines: lines(body.budgetLines),
      tranches: body.tranches?.map(conditions),
    });
    res.status(201).location(`/api/grants/sub-grants/${sg.id}`);
    return withEtag(res, sg);
  }

  @Get('programmes/:id/sub-grants')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 404)
  ofProgramme(@Param() { id }: IdParam) {
    return this.subGrants.ofProgramme(id);
  }

  @Get('sub-grants/:id')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.get(id));
  }

  @Post('sub-grants/:id/amend')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409, 422)
  async amend(@Param() { id }: IdParam, @Body() body: AmendDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.amend(id, { awarded: toMoney(body.awarded, 'awarded'), budgetLines: lines(body.budgetLines), reason: body.reason }));
  }

  @Post('sub-grants/:id/sign')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async sign(@Param() { id }: IdParam, @Body() body: SignDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.sign(id, body));
  }

  @Post('sub-grants/:id/suspend')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async suspend(@Param() { id }: IdParam, @Body() { reason }: ReasonDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.suspend(id, reason));
  }

  @Post('sub-grants/:id/resume')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async resume(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.resume(id));
  }

  @Post('sub-grants/:id/terminate')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409, 422)
  async terminate(@Param() { id }: IdParam, @Body() body: TerminateDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.terminate(id, { reason: body.reason, on: body.on, recovery: body.recovery && toMoney(body.recovery, 'recovery') }));
  }

  @Post('sub-grants/:id/close')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async close(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.close(id));
  }

  @Post('sub-grants/:id/tranches/:index/release')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ description: 'Paid: a disbursement with its date and payment reference' })
  @ApiProblems(400, 403, 404, 409, 422)
  async release(@Param() { id, index }: TrancheParams, @Body() body: ReleaseDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.release(id, index, body));
  }

  @Post('sub-grants/:id/settle')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The final tranche set to what the approved spending allows; a recovery asked when too much was paid' })
  @ApiProblems(400, 403, 404, 409)
  async settle(@Param() { id }: IdParam, @Body() { on }: SettleDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.settle(id, on));
  }

  @Post('sub-grants/:id/recoveries/:seq/received')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async recovered(@Param() { id, seq }: RecoveryParams, @Body() body: RecoveryReceivedDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.subGrants.recoveryReceived(id, seq, body));
  }
}

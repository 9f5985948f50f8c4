import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { Access } from '@intercity/auth';
import { ApiIdempotencyKey, ApiProblems } from '@intercity/platform';
import { BlackoutService } from './blackout.service';

class MemberParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberId!: string;
}

class BlackoutParams extends MemberParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

class AddBlackoutDto {
  @ApiProperty({ example: '2026-08-03', description: "First closed day, in the city's calendar" }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' }) from!: string;
  @ApiProperty({ example: '2026-08-21', description: 'Last closed day' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' }) to!: string;
  @ApiProperty({ example: 'summer closure' }) @IsString() @Length(1, 300) reason!: string;
}

class BlackoutResponse extends AddBlackoutDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
}

@ApiTags('blackouts')
@Controller('cities/:memberId/blackouts')
export class BlackoutController {
  constructor(private readonly blackouts: BlackoutService) {}

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: [BlackoutResponse] })
  @ApiProblems(400, 404, 422)
  list(@Param() { memberId }: MemberParam) {
    return this.blackouts.list(memberId);
  }

  @Post()
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: BlackoutResponse })
  @ApiProblems(400, 403, 409, 422)
  async add(@Param() { memberId }: MemberParam, @Body() body: AddBlackoutDto, @Res({ passthrough: true }) res: Response) {
    const b = await this.blackouts.add(memberId, body);
    res.location(`blackouts/${b.id}`);
    return b;
  }

  @Delete(':id')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  remove(@Param() { memberId, id }: BlackoutParams) {
    return this.blackouts.remove(memberId, id);
  }
}

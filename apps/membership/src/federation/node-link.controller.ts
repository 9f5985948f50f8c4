import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '@intercity/auth';
import { ApiProblems, found } from '@intercity/platform';
import { NodeIdParam } from '../node/dto/node.dto';
import { NodeRepository } from '../node/node.repository';
import { NodeLinkRepository } from './node-link.repository';

class LinkSource {
  @ApiProperty({ description: 'The other node’s stream, as this node reads it' }) source!: string;
  @ApiProperty({ description: 'The last of its events this node has read' }) lastSequence!: number;
  @ApiProperty() updatedAt!: Date;
}

class LinkGap {
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'First sequence that never reached this node' }) fromSequence!: number;
  @ApiProperty({ description: 'Last sequence that never reached this node' }) toSequence!: number;
  @ApiProperty() detectedAt!: Date;
}

class NodeLinkResponse {
  @ApiProperty() nodeId!: string;
  @ApiProperty({ description: 'False once events left the other node’s streams before this node read them' }) complete!: boolean;
  @ApiProperty({ type: [LinkSource] }) sources!: LinkSource[];
  @ApiProperty({ type: [LinkGap] }) gaps!: LinkGap[];
  @ApiProperty({ description: 'What to do about the gaps, when there are any' }) resync!: string | null;
}

/**
 * How far this node has read another node's streams, and whether anything was lost on the way:
 * on the hub, each city's; on a city, the hub's.
 */
@ApiTags('nodes')
@Controller('nodes')
export class NodeLinkController {
  constructor(
    private readonly nodes: NodeRepository,
    private readonly links: NodeLinkRepository,
  ) {}

  @Get(':id/link')
  @Access.roles('network-admin')
  @ApiOkResponse({ type: NodeLinkResponse })
  @ApiProblems(403, 404)
  async link(@Param() { id }: NodeIdParam): Promise<NodeLinkResponse> {
    found(await this.nodes.findById(id), 'node', id);
    const link = await this.links.find(id);
    return {
      ...link,
      complete: link.gaps.length === 0,
      resync: link.gaps.length
        ? `events left ${id}'s streams (older than their retention) before this node read them: on ${id}, republish its services' events ` +
          `from their outboxes (\`npm run service -- <service> --republish-since=<ISO date before the outage>\`, or \`--republish-all\` ` +
          `to restate the newest event of every aggregate, for a node that joined late); consumers skip what they hold`
        : null,
    };
  }
}

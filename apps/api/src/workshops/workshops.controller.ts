// HTTP edge of workshops (docs/workshops.md): each handler translates the request into one
// WorkshopsService call. Who may call what: planners and admins run a workshop; readers read
// any; a participant token reaches only its own workshop's routes marked @AllowParticipants
// (the access guard compares :id); joining needs no token.
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type {
  Board,
  JoinAnswer,
  JoinInfo,
  PrintLink,
  Proposal,
  RunView,
  Variant,
  VoteTally,
  Workshop,
  WorkshopExport,
  WorkshopSnapshot,
  WorkshopView,
} from '@caretwin/contracts';
import type { RunResultDocument } from '@caretwin/runner';
import { Allow, AllowParticipants, AllowReaders, Public } from '../access/access.decorators';
import { ErrorResponses, ZodBody } from '../http/openapi';
import { RateLimited } from '../limits/rate-limit';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { sendBoundaries } from '../regions/region-boundaries.service';
import type { ServiceExecution } from '../runs/run-result.service';
import {
  createWorkshopSchema,
  joinSchema,
  mergeSchema,
  printLinkSchema,
  proposalSchema,
  viewSchema,
  voteSchema,
  type CreateWorkshopBody,
  type JoinBody,
  type MergeBody,
  type ProposalBody,
  type ViewBody,
  type VoteBody,
  type PrintLinkBody,
} from './workshops.dto';
import { WorkshopsService } from './workshops.service';

const WorkshopId = ApiParam({ name: 'id', description: 'workshop id (UUID)' });
const ProposalId = ApiParam({ name: 'pid', description: 'proposal id' });

/** The origin the caller sees the api on (the join link points at the dashboard there). */
const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

@ApiTags('workshops')
@ApiBearerAuth()
@Controller('api/workshops')
export class WorkshopsController {
  constructor(private readonly workshops: WorkshopsService) {}

  @Post()
  @Allow('planner')
  @ApiOperation({
    summary:
      'Create a workshop: title, question, baseline (a completed run, or a scenario the api runs now), lever bounds',
  })
  @ZodBody(createWorkshopSchema)
  @ApiResponse({ status: 201, description: 'the Workshop; Location: /api/workshops/{id}' })
  @ErrorResponses(400, 401, 403, 404, 422, 429)
  @RateLimited('runs') // a scenario baseline starts a run
  async create(
    @Body(new ZodValidationPipe(createWorkshopSchema, 'workshop')) body: CreateWorkshopBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Workshop> {
    const workshop = await this.workshops.create(body, req.principal!, originOf(req));
    res.setHeader('Location', `/api/workshops/${workshop.id}`);
    return workshop;
  }

  @Get()
  @AllowReaders()
  @ApiOperation({ summary: 'Workshops, newest first' })
  @ApiResponse({ status: 200, description: '{items: Workshop[]}' })
  list(@Req() req: Request): { items: Workshop[] } {
    return this.workshops.list(originOf(req));
  }

  @Get('join/:code')
  @Public()
  @RateLimited('joins') // no token: counted by client address, so a join code is not guessed
  @ApiOperation({ summary: 'What the join page shows before joining (no token): title, question, state' })
  @ApiParam({ name: 'code', description: 'the join code' })
  @ApiResponse({ status: 200, description: 'JoinInfo {workshopId, title, question, state}' })
  @ErrorResponses(404, 429)
  joinInfo(@Param('code') code: string): JoinInfo {
    return this.workshops.joinInfo(code);
  }

  @Post('join')
  @Public()
  @RateLimited('joins')
  @ApiOperation({
    summary:
      'Join with the code and a display name (no token): answers a participant token bound to the workshop',
  })
  @ZodBody(joinSchema)
  @ApiResponse({
    status: 201,
    description: 'JoinAnswer {workshopId, participant, token} (the token shown once)',
  })
  @ErrorResponses(400, 404, 410, 422, 429)
  join(@Body(new ZodValidationPipe(joinSchema, 'join request')) body: JoinBody): JoinAnswer {
    return this.workshops.join(body);
  }

  @Post('import')
  @HttpCode(201)
  @Allow('planner')
  @ApiOperation({
    summary:
      'Import an exported workshop (GET /api/workshops/{id}/export): a new, closed workshop with its runs and results',
  })
  @ApiResponse({ status: 201, description: 'the imported Workshop; Location: /api/workshops/{id}' })
  @ErrorResponses(400, 401, 403, 413, 422)
  import(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Workshop {
    const workshop = this.workshops.importFile(body, originOf(req));
    res.setHeader('Location', `/api/workshops/${workshop.id}`);
    return workshop;
  }

  @Get(':id')
  @AllowReaders()
  @AllowParticipants()
  @ApiOperation({
    summary: 'Everything of a workshop at one seq: participants, proposals, variants, view, board, own vote',
  })
  @WorkshopId
  @ApiResponse({ status: 200, description: 'WorkshopSnapshot' })
  @ErrorResponses(401, 403, 404)
  get(@Param('id') id: string, @Req() req: Request): WorkshopSnapshot {
    return this.workshops.snapshot(id, req.principal, originOf(req));
  }

  @Post(':id/proposals')
  @Allow('planner')
  @AllowParticipants()
  @ApiOperation({
    summary: 'Propose a variant within the levers, with a one-line rationale (422 names the bound broken)',
  })
  @WorkshopId
  @ZodBody(proposalSchema)
  @ApiResponse({ status: 201, description: 'the Proposal' })
  @ErrorResponses(401, 403, 404, 409, 422)
  propose(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(proposalSchema, 'proposal')) body: ProposalBody,
    @Req() req: Request,
  ): Proposal {
    return this.workshops.propose(id, body, req.principal!);
  }

  @Post(':id/proposals/:pid/merge')
  @HttpCode(200)
  @Allow('planner')
  @ApiOperation({ summary: 'Merge a duplicate proposal into another' })
  @WorkshopId
  @ProposalId
  @ZodBody(mergeSchema)
  @ApiResponse({ status: 200, description: 'the merged Proposal (state merged, mergedInto set)' })
  @ErrorResponses(401, 403, 404, 409, 422)
  merge(
    @Param('id') id: string,
    @Param('pid') pid: string,
    @Body(new ZodValidationPipe(mergeSchema, 'merge request')) body: MergeBody,
    @Req() req: Request,
  ): Proposal {
    return this.workshops.merge(id, pid, body, req.principal!);
  }

  @Post(':id/proposals/:pid/accept')
  @HttpCode(202)
  @Allow('planner')
  @ApiOperation({
    summary:
      "Accept a proposal: starts its run (the baseline's scenario + its policies, on the baseline's seed, replications and horizon)",
  })
  @WorkshopId
  @ProposalId
  @ApiResponse({ status: 202, description: 'the Variant (its run queued)' })
  @ErrorResponses(401, 403, 404, 409, 422, 429, 503)
  @RateLimited('runs') // starts a run, as POST /api/runs
  accept(@Param('id') id: string, @Param('pid') pid: string, @Req() req: Request): Promise<Variant> {
    return this.workshops.accept(id, pid, req.principal!);
  }

  @Post(':id/proposals/:pid/decline')
  @HttpCode(200)
  @Allow('planner')
  @ApiOperation({ summary: 'Decline a proposal' })
  @WorkshopId
  @ProposalId
  @ApiResponse({ status: 200, description: 'the Proposal (state declined)' })
  @ErrorResponses(401, 403, 404, 409)
  decline(@Param('id') id: string, @Param('pid') pid: string, @Req() req: Request): Proposal {
    return this.workshops.decline(id, pid, req.principal!);
  }

  @Put(':id/view')
  @Allow('planner')
  @ApiOperation({ summary: "Set the facilitator's view (run, chart, area) that participants follow" })
  @WorkshopId
  @ZodBody(viewSchema)
  @ApiResponse({ status: 200, description: 'the WorkshopView (broadcast as view.changed)' })
  @ErrorResponses(401, 403, 404, 409, 422)
  setView(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(viewSchema, 'view')) body: ViewBody,
    @Req() req: Request,
  ): WorkshopView {
    return this.workshops.setView(id, body, req.principal!);
  }

  @Put(':id/votes/me')
  @Allow()
  @AllowParticipants()
  @ApiOperation({
    summary: "A participant's ranking: up to three completed variants, best first (3/2/1 points)",
  })
  @WorkshopId
  @ZodBody(voteSchema)
  @ApiResponse({ status: 200, description: 'the VoteTally' })
  @ErrorResponses(401, 403, 404, 409, 422)
  vote(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(voteSchema, 'vote')) body: VoteBody,
    @Req() req: Request,
  ): VoteTally {
    return this.workshops.vote(id, req.principal!, body.ranking);
  }

  @Get(':id/board')
  @AllowReaders()
  @AllowParticipants()
  @ApiOperation({
    summary:
      'The board: every variant against the baseline (paired differences, CIs, significance, sentence, votes)',
  })
  @WorkshopId
  @ApiResponse({ status: 200, description: 'Board' })
  @ErrorResponses(401, 403, 404)
  board(@Param('id') id: string): Board {
    return this.workshops.board(id);
  }

  @Get(':id/runs/:runId')
  @AllowReaders()
  @AllowParticipants()
  @ApiOperation({
    summary: "A run of this workshop (its baseline's or a variant's): state, progress, timings",
  })
  @WorkshopId
  @ApiParam({ name: 'runId', description: 'run id' })
  @ApiResponse({ status: 200, description: 'RunView' })
  @ErrorResponses(401, 403, 404)
  run(@Param('id') id: string, @Param('runId') runId: string): Promise<RunView> {
    return this.workshops.runView(id, runId);
  }

  @Get(':id/runs/:runId/result')
  @AllowReaders()
  @AllowParticipants()
  @ApiOperation({ summary: 'The result document of a completed run of this workshop' })
  @WorkshopId
  @ApiParam({ name: 'runId', description: 'run id' })
  @ApiResponse({ status: 200, description: 'the result document (libs/runner RunResultDocument)' })
  @ErrorResponses(401, 403, 404, 409, 410)
  result(@Param('id') id: string, @Param('runId') runId: string): RunResultDocument<ServiceExecution> {
    return this.workshops.runResult(id, runId);
  }

  @Get(':id/boundaries')
  @AllowReaders()
  @AllowParticipants()
  @ApiOperation({
    summary:
      "The municipal boundaries of the baseline's region (as GET /api/regions/:id/boundaries), for a participant's map",
  })
  @WorkshopId
  @ApiProduces('application/geo+json')
  @ApiResponse({ status: 200, description: 'RegionBoundaries; ETag, cached an hour (304 on If-None-Match)' })
  @ErrorResponses(401, 403, 404)
  boundaries(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    sendBoundaries(this.workshops.boundaries(id), req, res);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow('planner')
  @ApiOperation({
    summary: 'Close the workshop: participant tokens answer 401 from now on; everything stays readable',
  })
  @WorkshopId
  @ApiResponse({ status: 200, description: 'the Workshop (state closed)' })
  @ErrorResponses(401, 403, 404)
  close(@Param('id') id: string, @Req() req: Request): Workshop {
    return this.workshops.close(id, originOf(req), req.principal!);
  }

  @Post(':id/print-link')
  @HttpCode(201)
  @AllowReaders()
  @AllowParticipants()
  @ApiOperation({
    summary:
      "The handout's URL with a read-only key of its own, for `chromium --headless --print-to-pdf` (a fresh profile holds no token)",
  })
  @WorkshopId
  @ZodBody(printLinkSchema)
  @ApiResponse({ status: 201, description: 'PrintLink {url, expiresAt, command}' })
  @ErrorResponses(401, 403, 404, 422)
  printLink(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(printLinkSchema, 'print link')) body: PrintLinkBody,
    @Req() req: Request,
  ): PrintLink {
    return this.workshops.printLink(id, body, originOf(req));
  }

  @Get(':id/export')
  @AllowReaders()
  @ApiOperation({
    summary:
      'The workshop as one JSON file (workshop, participants, proposals, variants, votes, runs with results)',
  })
  @WorkshopId
  @ApiResponse({ status: 200, description: 'WorkshopExport (attachment workshop-{id}.json)' })
  @ErrorResponses(401, 403, 404)
  export(
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): WorkshopExport {
    const file = this.workshops.exportFile(id, originOf(req));
    res.setHeader('Content-Disposition', `attachment; filename="workshop-${id}.json"`);
    return file;
  }
}
